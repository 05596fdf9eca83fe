package io.fsql.planner.engine;

import io.fsql.planner.catalog.TrainingDataset;
import io.fsql.planner.exec.ResultColumn;
import java.util.List;

/**
 * A query that is exactly the rows of a training dataset's files: the files (fully qualified
 * URIs, Parquet), which of the dataset's columns it keeps ({@code columns}, indexes into
 * {@link TrainingDataset#columns()}, in result order) and the result's columns as the query names
 * them. {@code split} is the split read, or null for all; {@code rows} is how many rows that is.
 */
public record DatasetRead(TrainingDataset dataset, String split, List<String> files, List<Integer> columns,
    List<ResultColumn> resultColumns, long rows) {

  public DatasetRead {
    files = List.copyOf(files);
    columns = List.copyOf(columns);
    resultColumns = List.copyOf(resultColumns);
  }
}
