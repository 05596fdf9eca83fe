package io.fsql.planner.calcite;

import io.fsql.planner.ErrorCode;
import io.fsql.planner.FsqlException;
import io.fsql.planner.catalog.CatalogStore;
import io.fsql.planner.offline.OfflineStore;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Everything Calcite needs to validate and convert one statement: the type factory, a schema over
 * the catalog, the validator and the SQL-to-relational converter. One per statement; feature views
 * the statement reads are expanded in it too.
 */
final class Planning {
  final JavaTypeFactory typeFactory = new JavaTypeFactoryImpl(FsqlTypeSystem.INSTANCE);
  final CatalogStore catalog;
  final OfflineStore offline;
  final Pins pins;
  final ServedLogStatus servedLogs;
  final FsqlSchema schema;
  final CalciteCatalogReader catalogReader;
  final SqlValidator validator;
  final RelOptCluster cluster;
  final FsqlSqlToRelConverter converter;
  private final SqlOperatorTable operators;
  private int expansionDepth;

  Planning(CatalogStore catalog, OfflineStore offline, Pins pins) {
    this(catalog, offline, pins, ServedLogStatus.NONE);
  }

  Planning(CatalogStore catalog, OfflineStore offline, Pins pins, ServedLogStatus servedLogs) {
    this.catalog = catalog;
    this.offline = offline;
    this.pins = pins;
    this.servedLogs = servedLogs;
    this.schema = new FsqlSchema(this);
    CalciteSchema root = CalciteSchema.createRootSchema(false, false, "", schema);
    Properties props = new Properties();
    props.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "true");
    this.catalogReader = new CalciteCatalogReader(root, List.of(), typeFactory,
        new CalciteConnectionConfigImpl(props));
    this.operators = SqlOperatorTables.chain(
        SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(
            SqlLibrary.STANDARD, SqlLibrary.SPARK),
        catalogReader);
    this.validator = newValidator();
    this.cluster = RelOptCluster.create(
        new HepPlanner(HepProgram.builder().build()), new RexBuilder(typeFactory));
    this.converter = newConverter(validator);
  }

  /** A fresh validator over the same catalog (validation state is per tree). */
  SqlValidator newValidator() {
    return SqlValidatorUtil.newValidator(operators, catalogReader, typeFactory,
        SqlValidator.Config.DEFAULT
            .withConformance(SqlConformanceEnum.LENIENT)
            .withIdentifierExpansion(true)
            .withDefaultNullCollation(NullCollation.HIGH)
            .withTypeCoercionEnabled(true));
  }

  private FsqlSqlToRelConverter newConverter(SqlValidator v) {
    return new FsqlSqlToRelConverter(
        (rowType, queryString, schemaPath, viewPath) -> {
          throw new UnsupportedOperationException("views are expanded by fsql, not by SQL text");
        },
        v, catalogReader, cluster, StandardConvertletTable.INSTANCE,
        SqlToRelConverter.config()
            .withTrimUnusedFields(true)
            .withExpand(false)
            // IN lists stay predicates (never a join with VALUES), so key lookups can be recognized
            .withInSubQueryThreshold(Integer.MAX_VALUE)
            .withDecorrelationEnabled(true));
  }

  /** Table references (decorated names) of a tree, resolved in this statement. */
  SqlNode resolveReferences(SqlNode node) {
    return new TableReferences(this).rewrite(node);
  }

  /** A query expanded in place (a feature view), validated on first use, converted once. */
  Expansion expansion(SqlNode query, String what) {
    return new Expansion(query, what);
  }

  final class Expansion {
    private final SqlNode query;
    private final String what;
    private SqlValidator v;
    private SqlNode validated;
    private RelNode rel;

    Expansion(SqlNode query, String what) {
      this.query = query;
      this.what = what;
    }

    private void validate() {
      if (validated != null) {
        return;
      }
      if (++expansionDepth > 32) {
        throw new FsqlException(ErrorCode.INVALID_QUERY, what + " refers to itself (through views)");
      }
      try {
        SqlNode prepared = resolveReferences(query);
        v = newValidator();
        validated = v.validate(prepared);
      } catch (FsqlException e) {
        throw new FsqlException(e.code(), "in " + what + ": " + e.detail(), e);
      } catch (RuntimeException e) {
        FsqlException f = CalciteErrors.translate(e);
        throw new FsqlException(f.code(), "in " + what + ": " + f.detail(), e);
      } finally {
        expansionDepth--;
      }
    }

    RelDataType rowType() {
      validate();
      return v.getValidatedNodeType(validated);
    }

    RelNode rel() {
      validate();
      if (rel == null) {
        FsqlSqlToRelConverter c = newConverter(v);
        c.collectOptions(validated);
        rel = c.convertQuery(validated, false, true).project();
      }
      return rel;
    }
  }
}
