-- fsql catalog, schema version 4: descriptive statistics per column, of a feature group's commit
-- (the rows it wrote, or the whole snapshot at it after ANALYZE) and of a training dataset split.
CREATE TABLE column_statistics (
  object_kind      VARCHAR(16) NOT NULL,
  object_id        BIGINT NOT NULL,
  part             VARCHAR(256) NOT NULL,
  scope            VARCHAR(16) NOT NULL,
  ordinal          INT NOT NULL,
  computed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  column_name      VARCHAR(256) NOT NULL,
  column_type      VARCHAR(128) NOT NULL,
  row_count        BIGINT NOT NULL,
  null_count       BIGINT NOT NULL,
  distinct_approx  BIGINT,
  min_value        CHARACTER LARGE OBJECT,
  max_value        CHARACTER LARGE OBJECT,
  mean_value       DOUBLE PRECISION,
  stddev_value     DOUBLE PRECISION,
  quantiles        CHARACTER LARGE OBJECT,
  histogram        CHARACTER LARGE OBJECT,
  top_values       CHARACTER LARGE OBJECT,
  PRIMARY KEY (object_kind, object_id, part, scope, ordinal)
);
