package io.fsql.storage.offline;

import io.fsql.planner.engine.CrashPoints;
import org.apache.hudi.client.WriteStatus;
import org.apache.hudi.client.validator.SparkPreCommitValidator;
import org.apache.hudi.common.data.HoodieData;
import org.apache.hudi.common.engine.HoodieEngineContext;
import org.apache.hudi.config.HoodieWriteConfig;
import org.apache.hudi.table.HoodieSparkTable;
import org.apache.hudi.table.action.HoodieWriteMetadata;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A Hudi pre-commit hook that reaches the crash point {@value CrashPoints#AFTER_DATA_FILES_WRITTEN}:
 * Hudi calls it once a commit's data files are written and before the commit completes. Only
 * configured while a test has armed that point (see {@link HudiOfflineStore#writeOptions}).
 */
public final class CrashPointValidator<T, I, K, O extends HoodieData<WriteStatus>>
    extends SparkPreCommitValidator<T, I, K, O> {

  public CrashPointValidator(HoodieSparkTable<T> table, HoodieEngineContext context, HoodieWriteConfig config) {
    super(table, context, config);
  }

  @Override
  public void validate(String instantTime, HoodieWriteMetadata<O> writeResult, Dataset<Row> before, Dataset<Row> after) {
    CrashPoints.reach(CrashPoints.AFTER_DATA_FILES_WRITTEN);
    CrashPoints.failIfAsked(CrashPoints.AFTER_DATA_FILES_WRITTEN, "writing the commit " + instantTime);
  }

  @Override
  protected void validateRecordsBeforeAndAfter(Dataset<Row> before, Dataset<Row> after,
      java.util.Set<String> partitionsAffected) {
    // nothing to check: this hook only marks where the data files are written
  }
}
