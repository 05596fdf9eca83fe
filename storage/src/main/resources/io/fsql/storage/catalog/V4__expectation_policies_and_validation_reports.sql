-- fsql catalog, schema version 4: what an INSERT does when rows break an expectation, and the
-- report of every INSERT attempt into a group with expectations (one row per expectation).
ALTER TABLE group_expectation ADD COLUMN policy VARCHAR(16) DEFAULT 'REJECT' NOT NULL;

CREATE TABLE validation_report (
  group_id        BIGINT NOT NULL REFERENCES feature_group (id) ON DELETE CASCADE,
  attempt         BIGINT NOT NULL,
  ordinal         INT NOT NULL,
  expectation     VARCHAR(256) NOT NULL,
  rule            VARCHAR(8192) NOT NULL,
  policy          VARCHAR(16) NOT NULL,
  outcome         VARCHAR(8) NOT NULL,
  rows_checked    BIGINT NOT NULL,
  rows_violating  BIGINT,
  observed        DOUBLE PRECISION,
  commit_id       VARCHAR(64),
  insert_outcome  VARCHAR(16) NOT NULL,
  validated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (group_id, attempt, ordinal)
);
