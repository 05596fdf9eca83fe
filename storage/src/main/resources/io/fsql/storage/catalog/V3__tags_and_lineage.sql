-- fsql catalog, schema version 3: tags on groups, group columns, views and datasets; what views
-- and datasets read (lineage).
CREATE TABLE object_tag (
  object_kind  VARCHAR(16) NOT NULL,
  object_id    BIGINT NOT NULL,
  column_name  VARCHAR(256) NOT NULL,
  tag_name     VARCHAR(256) NOT NULL,
  tag_value    VARCHAR(4096),
  PRIMARY KEY (object_kind, object_id, column_name, tag_name)
);

CREATE TABLE lineage_edge (
  reader_kind     VARCHAR(16) NOT NULL,
  reader_id       BIGINT NOT NULL,
  reader_name     VARCHAR(256) NOT NULL,
  reader_version  INT NOT NULL,
  source_kind     VARCHAR(16) NOT NULL,
  source_id       BIGINT NOT NULL,
  source_name     VARCHAR(256) NOT NULL,
  source_version  INT NOT NULL,
  PRIMARY KEY (reader_kind, reader_id, source_kind, source_id)
);
