package io.fsql.planner.calcite;

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
import org.apache.calcite.rex.RexBuilder;
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
 * the catalog, the validator and the SQL-to-relational converter. One per statement.
 */
final class Planning {
  final JavaTypeFactory typeFactory = new JavaTypeFactoryImpl(FsqlTypeSystem.INSTANCE);
  final FsqlSchema schema;
  final CalciteCatalogReader catalogReader;
  final SqlValidator validator;
  private final SqlOperatorTable operators;
  final RelOptCluster cluster;
  final FsqlSqlToRelConverter converter;

  Planning(CatalogStore catalog, OfflineStore offline) {
    this.schema = new FsqlSchema(catalog, offline);
    CalciteSchema root = CalciteSchema.createRootSchema(false, false, "", schema);
    Properties props = new Properties();
    props.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "true");
    this.catalogReader = new CalciteCatalogReader(root, List.of(), typeFactory,
        new CalciteConnectionConfigImpl(props));
    SqlOperatorTable operators = SqlOperatorTables.chain(
        SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(
            SqlLibrary.STANDARD, SqlLibrary.SPARK),
        catalogReader);
    this.operators = operators;
    this.validator = newValidator();
    this.cluster = RelOptCluster.create(
        new HepPlanner(HepProgram.builder().build()), new RexBuilder(typeFactory));
    this.converter = new FsqlSqlToRelConverter(
        (rowType, queryString, schemaPath, viewPath) -> {
          throw new UnsupportedOperationException("views are not expanded here");
        },
        validator, catalogReader, cluster, StandardConvertletTable.INSTANCE,
        SqlToRelConverter.config()
            .withTrimUnusedFields(true)
            .withExpand(false)
            .withDecorrelationEnabled(true));
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
}
