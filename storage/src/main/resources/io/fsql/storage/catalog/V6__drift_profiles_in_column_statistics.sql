-- fsql catalog, schema version 6: each column's drift profile beside its statistics (JSON: a numeric
-- column's 101 quantiles at 0, 1/100, ..., 1 of its non-NULL values; a categorical column's 100 most
-- frequent values and the count of all others), so SHOW DRIFT can compare two stored sets of rows
-- without reading them. Statistics stored before this version have none (NULL): SHOW DRIFT reads
-- such rows instead.
ALTER TABLE column_statistics ADD COLUMN drift_profile CHARACTER LARGE OBJECT;
