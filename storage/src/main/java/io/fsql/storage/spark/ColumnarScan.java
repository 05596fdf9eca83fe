package io.fsql.storage.spark;

import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.InputAdapter;
import org.apache.spark.sql.execution.ProjectExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import scala.collection.JavaConverters;

/**
 * A query whose executed plan is a columnar scan (Spark's vectorized Parquet reader, as a feature
 * group's or a file's plain read plans to) turned into rows only to be read: {@code ColumnarToRow}
 * over the scan, possibly under a projection of plain columns (renamed or reordered). Its result
 * can come from the scan's column vectors directly ({@link #vectors}), skipping the rows.
 */
final class ColumnarScan {
  private final SparkPlan scan;
  private final int[] vectors;

  private ColumnarScan(SparkPlan scan, int[] vectors) {
    this.scan = scan;
    this.vectors = vectors;
  }

  /** The columnar scan under {@code df}'s executed plan, or empty when the plan is anything else. */
  static Optional<ColumnarScan> of(Dataset<Row> df) {
    SparkPlan top = unwrap(df.queryExecution().executedPlan());
    List<NamedExpression> projection = null;
    if (top instanceof ProjectExec p) {
      projection = JavaConverters.seqAsJavaList(p.projectList());
      top = unwrap(p.child());
    }
    if (!(top instanceof ColumnarToRowExec c)) {
      return Optional.empty();
    }
    SparkPlan scan = unwrap(c.child());
    if (!scan.supportsColumnar()) {
      return Optional.empty();
    }
    List<Attribute> output = JavaConverters.seqAsJavaList(scan.output());
    if (projection == null) {
      int[] identity = new int[output.size()];
      for (int i = 0; i < identity.length; i++) {
        identity[i] = i;
      }
      return Optional.of(new ColumnarScan(scan, identity));
    }
    int[] vectors = new int[projection.size()];
    for (int i = 0; i < vectors.length; i++) {
      Expression e = (Expression) projection.get(i);
      if (e instanceof Alias a) {
        e = a.child();
      }
      if (!(e instanceof AttributeReference ref)) {
        return Optional.empty();  // a computed column: the row path's projection computes it
      }
      vectors[i] = -1;
      for (int j = 0; j < output.size(); j++) {
        if (output.get(j).exprId().equals(ref.exprId())) {
          vectors[i] = j;
          break;
        }
      }
      if (vectors[i] < 0 || !output.get(vectors[i]).dataType().equals(ref.dataType())) {
        return Optional.empty();
      }
    }
    return Optional.of(new ColumnarScan(scan, vectors));
  }

  private static SparkPlan unwrap(SparkPlan p) {
    while (true) {
      if (p instanceof WholeStageCodegenExec w) {
        p = w.child();
      } else if (p instanceof InputAdapter a) {
        p = a.child();
      } else {
        return p;
      }
    }
  }

  /** The position of each result column's vector in the scan's batches. */
  int[] vectors() {
    return vectors.clone();
  }

  /** The scan's batches in the byte form of {@code codec}, one RDD partition per scan partition. */
  JavaRDD<byte[]> encoded(VectorBatchCodec codec) {
    JavaRDD<ColumnarBatch> batches = scan.executeColumnar().toJavaRDD();
    return batches.mapPartitions(new Encode(codec));
  }

  /** On the executors: each batch of a partition encoded as the reader makes it. */
  private record Encode(VectorBatchCodec codec)
      implements org.apache.spark.api.java.function.FlatMapFunction<java.util.Iterator<ColumnarBatch>, byte[]> {
    @Override
    public java.util.Iterator<byte[]> call(java.util.Iterator<ColumnarBatch> it) {
      return new java.util.Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public byte[] next() {
          return codec.encode(it.next());  // before the next: the reader reuses its batch
        }
      };
    }
  }
}
