package io.fsql.sql.parser;

import static io.fsql.sql.parser.antlr.FsqlBaseParser.*;

import io.fsql.sql.parser.antlr.FsqlBaseLexer;
import io.fsql.sql.tree.AddExpectation;
import io.fsql.sql.tree.DropExpectation;
import io.fsql.sql.tree.ExpectationRule;
import io.fsql.sql.tree.ShowExpectations;
import io.fsql.sql.tree.ShowValidations;
import io.fsql.sql.tree.ViolationPolicy;
import io.fsql.sql.tree.AddColumn;
import io.fsql.sql.tree.AlterColumn;
import io.fsql.sql.tree.AlterTags;
import io.fsql.sql.tree.DropColumn;
import io.fsql.sql.tree.ShowDependents;
import io.fsql.sql.tree.ShowFeatures;
import io.fsql.sql.tree.ShowLineage;
import io.fsql.sql.tree.ShowStatistics;
import io.fsql.sql.tree.AnalyzeFeatureGroup;
import io.fsql.sql.tree.ShowDrift;
import io.fsql.sql.tree.SetViewLogging;
import io.fsql.sql.tree.Tag;
import io.fsql.sql.tree.AlterFeatureGroup;
import io.fsql.sql.tree.Changes;
import io.fsql.sql.tree.ColumnDefinition;
import io.fsql.sql.tree.CreateFeatureGroup;
import io.fsql.sql.tree.CreateFeatureView;
import io.fsql.sql.tree.CreateTrainingDataset;
import io.fsql.sql.tree.DataType;
import io.fsql.sql.tree.Describe;
import io.fsql.sql.tree.DropFeatureGroup;
import io.fsql.sql.tree.DropFeatureView;
import io.fsql.sql.tree.DropTrainingDataset;
import io.fsql.sql.tree.RecreateTrainingDataset;
import io.fsql.sql.tree.RefreshOnline;
import io.fsql.sql.tree.SetOnline;
import io.fsql.sql.tree.SetOption;
import io.fsql.sql.tree.Expectation;
import io.fsql.sql.tree.Explain;
import io.fsql.sql.tree.Fraction;
import io.fsql.sql.tree.Insert;
import io.fsql.sql.tree.NodeLocation;
import io.fsql.sql.tree.ObjectKind;
import io.fsql.sql.tree.ObjectName;
import io.fsql.sql.tree.Property;
import io.fsql.sql.tree.QueryStatement;
import io.fsql.sql.tree.RandomSplit;
import io.fsql.sql.tree.ShowCommits;
import io.fsql.sql.tree.ShowFeatureGroups;
import io.fsql.sql.tree.ShowFeatureViews;
import io.fsql.sql.tree.ShowTrainingDatasets;
import io.fsql.sql.tree.SplitSpec;
import io.fsql.sql.tree.SqlFeatureTableRef;
import io.fsql.sql.tree.SqlPitJoin;
import io.fsql.sql.tree.Statement;
import io.fsql.sql.tree.TimeRange;
import io.fsql.sql.tree.TimeSplit;
import io.fsql.sql.tree.TimeTravel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlAsofJoin;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.fun.SqlInternalOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParserUtil;
import org.apache.calcite.sql.parser.SqlParserUtil.ToTreeListItem;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Builds statements and Calcite {@link SqlNode} trees from the ANTLR parse tree. For standard SQL
 * it builds exactly the nodes and operators that Calcite's own parser builds; expressions are
 * folded from a flat operand/operator list by {@link SqlParserUtil#toTree}, with Calcite's
 * precedences. One builder per parse (it numbers the {@code ?} parameters).
 */
final class AstBuilder {
  private static final int PRECISION_NOT_SPECIFIED = -1;
  private static final int SCALE_NOT_SPECIFIED = Integer.MIN_VALUE;

  static final String FEATURE_GROUP_TYPES =
      "BOOLEAN, INTEGER, BIGINT, REAL, DOUBLE, DECIMAL, VARCHAR, DATE, TIMESTAMP";
  static final String CAST_TYPES = "BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, REAL, FLOAT, "
      + "DOUBLE, DECIMAL, CHAR, VARCHAR, BINARY, VARBINARY, DATE, TIME, TIMESTAMP";

  private final CharStream input;
  private final Map<Integer, Integer> parameterIndexes = new HashMap<>();

  AstBuilder(CommonTokenStream tokens, CharStream input) {
    this.input = input;
    for (Token token : tokens.getTokens()) {
      if (token.getType() == FsqlBaseLexer.QUESTION_MARK) {
        parameterIndexes.put(token.getTokenIndex(), parameterIndexes.size());
      }
    }
  }

  // ================================================================ statements

  Statement statement(StatementContext ctx) {
    NodeLocation location = location(ctx.start);
    if (ctx instanceof QueryStatementContext c) {
      return new QueryStatement(location, query(c.query()));
    }
    if (ctx instanceof ExplainContext c) {
      Statement inner = statement(c.statement());
      if (!(inner instanceof QueryStatement) && !(inner instanceof Insert)) {
        throw error(c.statement().start, "EXPLAIN supports only queries and INSERT statements");
      }
      return new Explain(location, inner);
    }
    if (ctx instanceof InsertContext c) {
      List<String> columns = c.columnList() == null ? List.of() : names(c.columnList());
      checkDistinct(c.columnList() == null ? List.of() : c.columnList().identifier(),
          "column '%s' is listed more than once");
      return new Insert(location, objectName(c.objectName()), columns, query(c.query()));
    }
    if (ctx instanceof CreateFeatureGroupContext c) {
      return createFeatureGroup(c, location);
    }
    if (ctx instanceof AlterFeatureGroupContext c) {
      if (c.properties() != null) {
        return new AlterFeatureGroup(location, objectName(c.objectName()),
            properties(c.properties()), Optional.empty());
      }
      return new AlterFeatureGroup(location, objectName(c.objectName()), List.of(),
          Optional.of(stringValue(c.string())));
    }
    if (ctx instanceof AlterFeatureGroupOnlineContext c) {
      return new SetOnline(location, objectName(c.objectName()), c.ONLINE() != null);
    }
    if (ctx instanceof AddColumnContext c) {
      ColumnSpecContext spec = c.columnSpec();
      if (spec.NOT() != null) {
        throw error(spec.NOT().getSymbol(), "ADD COLUMN adds a nullable column only: the rows "
            + "written before have no value for it (drop NOT NULL, or create a new VERSION of the "
            + "group with the column NOT NULL)");
      }
      return new AddColumn(location, objectName(c.objectName()), columnSpec(spec));
    }
    if (ctx instanceof AddExpectationContext c) {
      return new AddExpectation(location, objectName(c.objectName()),
          expectationDefinition(c.expectationDefinition()));
    }
    if (ctx instanceof DropExpectationContext c) {
      return new DropExpectation(location, objectName(c.objectName()), name(c.identifier()),
          location(c.identifier().start));
    }
    if (ctx instanceof ShowExpectationsContext c) {
      return new ShowExpectations(location, objectName(c.objectName()));
    }
    if (ctx instanceof ShowValidationsContext c) {
      OptionalLong limit = OptionalLong.empty();
      if (c.INTEGER_VALUE() != null) {
        limit = OptionalLong.of(parseLong(c.INTEGER_VALUE().getSymbol(), "LIMIT"));
      }
      return new ShowValidations(location, objectName(c.objectName()), limit);
    }
    if (ctx instanceof DropColumnContext c) {
      return new DropColumn(location, objectName(c.objectName()), name(c.identifier()),
          location(c.identifier().start));
    }
    if (ctx instanceof AlterColumnContext c) {
      Optional<DataType> type = c.dataType() == null
          ? Optional.empty() : Optional.of(columnType(c.dataType()));
      return new AlterColumn(location, objectName(c.objectName()), name(c.identifier()),
          location(c.identifier().start), type,
          c.string() == null ? Optional.empty() : Optional.of(stringValue(c.string())));
    }
    if (ctx instanceof AlterColumnTagsContext c) {
      boolean unset = c.UNSET() != null;
      return new AlterTags(location, ObjectKind.FEATURE_GROUP, objectName(c.objectName()),
          Optional.of(name(c.identifier())), unset, tags(c.tagList(), unset));
    }
    if (ctx instanceof AlterTagsContext c) {
      TaggedKindContext k = c.taggedKind();
      ObjectKind kind = k.TRAINING() != null ? ObjectKind.TRAINING_DATASET
          : k.VIEW() != null ? ObjectKind.FEATURE_VIEW : ObjectKind.FEATURE_GROUP;
      boolean unset = c.UNSET() != null;
      return new AlterTags(location, kind, objectName(c.objectName()), Optional.empty(), unset,
          tags(c.tagList(), unset));
    }
    if (ctx instanceof ShowFeaturesContext c) {
      Optional<Tag> tag = c.tag() == null ? Optional.empty() : Optional.of(tag(c.tag()));
      return new ShowFeatures(location, optionalString(c.string()), tag);
    }
    if (ctx instanceof ShowLineageContext c) {
      return new ShowLineage(location, describeKind(c.describeKind()), objectName(c.objectName()));
    }
    if (ctx instanceof ShowStatisticsContext c) {
      return new ShowStatistics(location, describeKind(c.describeKind()), objectName(c.objectName()),
          c.identifier() == null ? Optional.empty() : Optional.of(name(c.identifier())),
          c.string() == null ? Optional.empty() : Optional.of(stringValue(c.string())));
    }
    if (ctx instanceof AnalyzeFeatureGroupContext c) {
      return new AnalyzeFeatureGroup(location, objectName(c.objectName()));
    }
    if (ctx instanceof ShowDriftContext c) {
      ShowDrift.DriftSide current;
      if (c.driftCurrent() instanceof ServedDriftSideContext served) {
        Optional<String> since = served.string() == null
            ? Optional.empty() : Optional.of(stringValue(served.string()));
        current = new ShowDrift.DriftSide.Served(objectName(served.objectName()), since,
            served.string() == null ? location(served.start) : location(served.string().start));
      } else {
        current = driftRelation(((RelationDriftSideContext) c.driftCurrent()).datasetSource());
      }
      List<Property> options = c.properties() == null ? List.of() : properties(c.properties());
      return new ShowDrift(location, driftRelation(c.datasetSource()), current, options);
    }
    if (ctx instanceof SetViewLoggingContext c) {
      List<Property> options = c.properties() == null ? List.of() : properties(c.properties());
      return new SetViewLogging(location, objectName(c.objectName()), true, options);
    }
    if (ctx instanceof UnsetViewLoggingContext c) {
      return new SetViewLogging(location, objectName(c.objectName()), false, List.of());
    }
    if (ctx instanceof ShowDependentsContext c) {
      return new ShowDependents(location, objectName(c.objectName()));
    }
    if (ctx instanceof RefreshOnlineContext c) {
      return new RefreshOnline(location, objectName(c.objectName()));
    }
    if (ctx instanceof SetOptionContext c) {
      return new SetOption(location, name(c.identifier()), Optional.of(setValue(c.setValue())));
    }
    if (ctx instanceof ResetOptionContext c) {
      return new SetOption(location, name(c.identifier()), Optional.empty());
    }
    if (ctx instanceof DropFeatureGroupContext c) {
      return new DropFeatureGroup(location, objectName(c.objectName()), c.EXISTS() != null,
          c.CASCADE() != null);
    }
    if (ctx instanceof ShowFeatureGroupsContext c) {
      return new ShowFeatureGroups(location, optionalString(c.string()));
    }
    if (ctx instanceof ShowCommitsContext c) {
      OptionalLong limit = OptionalLong.empty();
      if (c.INTEGER_VALUE() != null) {
        limit = OptionalLong.of(parseLong(c.INTEGER_VALUE().getSymbol(), "LIMIT"));
      }
      return new ShowCommits(location, objectName(c.objectName()), limit);
    }
    if (ctx instanceof DescribeContext c) {
      return new Describe(location, describeKind(c.describeKind()), objectName(c.objectName()));
    }
    if (ctx instanceof CreateFeatureViewContext c) {
      Optional<List<Property>> logging = c.LOGGING() == null ? Optional.empty()
          : Optional.of(c.properties() == null ? List.of() : properties(c.properties()));
      return new CreateFeatureView(location, objectName(c.objectName()), c.EXISTS() != null,
          optionalString(c.string()), query(c.query()), text(c.query()), logging);
    }
    if (ctx instanceof DropFeatureViewContext c) {
      return new DropFeatureView(location, objectName(c.objectName()), c.EXISTS() != null);
    }
    if (ctx instanceof ShowFeatureViewsContext c) {
      return new ShowFeatureViews(location, optionalString(c.string()));
    }
    if (ctx instanceof CreateTrainingDatasetContext c) {
      return createTrainingDataset(c, location);
    }
    if (ctx instanceof DropTrainingDatasetContext c) {
      return new DropTrainingDataset(location, objectName(c.objectName()), c.EXISTS() != null);
    }
    if (ctx instanceof RecreateTrainingDatasetContext c) {
      return new RecreateTrainingDataset(location, objectName(c.objectName()));
    }
    if (ctx instanceof ShowTrainingDatasetsContext c) {
      return new ShowTrainingDatasets(location, optionalString(c.string()));
    }
    throw new IllegalStateException("unexpected statement " + ctx.getClass().getSimpleName());
  }

  private static ObjectKind describeKind(DescribeKindContext k) {
    if (k == null) {
      return ObjectKind.ANY;
    }
    return k.TRAINING() != null ? ObjectKind.TRAINING_DATASET
        : k.VIEW() != null ? ObjectKind.FEATURE_VIEW : ObjectKind.FEATURE_GROUP;
  }

  private ColumnDefinition columnSpec(ColumnSpecContext col) {
    List<Tag> tags = col.tagList() == null ? List.of() : tags(col.tagList(), false);
    return new ColumnDefinition(name(col.identifier()), columnType(col.dataType()),
        col.NOT() != null, optionalString(col.string()), tags, location(col.start));
  }

  private List<Tag> tags(TagListContext ctx, boolean namesOnly) {
    List<Tag> list = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (TagContext t : ctx.tag()) {
      Tag tag = tag(t);
      if (!seen.add(tag.name())) {
        throw error(t.start, "tag '" + tag.name() + "' is listed more than once");
      }
      if (namesOnly && tag.value().isPresent()) {
        throw error(t.EQ().getSymbol(), "UNSET TAGS takes tag names only, without values");
      }
      list.add(tag);
    }
    return list;
  }

  private Tag tag(TagContext t) {
    return new Tag(name(t.identifier()), optionalString(t.string()), location(t.start));
  }

  private static String setValue(SetValueContext ctx) {
    if (ctx.string() != null) {
      return stringValue(ctx.string());
    }
    if (ctx.identifier() != null) {
      return name(ctx.identifier());
    }
    return ctx.getText().toLowerCase(java.util.Locale.ROOT);
  }

  private Statement createFeatureGroup(CreateFeatureGroupContext c, NodeLocation location) {
    List<ColumnDefinition> columns = new ArrayList<>();
    List<Expectation> expectations = new ArrayList<>();
    Set<String> columnNames = new HashSet<>();
    Set<String> expectationNames = new HashSet<>();
    for (TableElementContext element : c.tableElement()) {
      if (element instanceof ColumnDefinitionContext def) {
        ColumnSpecContext col = def.columnSpec();
        String name = name(col.identifier());
        if (!columnNames.add(name)) {
          throw error(col.identifier().start, "column '" + name + "' is defined more than once");
        }
        columns.add(columnSpec(col));
      } else if (element instanceof ExpectationElementContext e) {
        Expectation expectation = expectationDefinition(e.expectationDefinition());
        if (!expectationNames.add(expectation.name())) {
          throw error(e.expectationDefinition().identifier().start,
              "expectation '" + expectation.name() + "' is defined more than once");
        }
        expectations.add(expectation);
      } else {
        CheckConstraintContext check = (CheckConstraintContext) element;
        String name;
        if (check.identifier() != null) {
          name = name(check.identifier());
          if (!expectationNames.add(name)) {
            throw error(check.identifier().start,
                "expectation '" + name + "' is defined more than once");
          }
        } else {
          name = null; // named below, once every given name is known
        }
        NodeLocation at = location(check.CHECK().getSymbol());
        ExpectationRule rule = new ExpectationRule(ExpectationRule.Kind.CHECK, Optional.empty(),
            at, expression(check.expression()), null, null,
            "CHECK (" + text(check.expression()) + ")", at);
        expectations.add(new Expectation(name == null ? "" : name, rule,
            policy(check.violationPolicy(), rule), location(check.start)));
      }
    }
    int unnamed = 0;
    for (int i = 0; i < expectations.size(); i++) {
      Expectation e = expectations.get(i);
      if (e.name().isEmpty()) {
        String generated;
        do {
          generated = "check_" + (++unnamed);
        } while (expectationNames.contains(generated));
        expectationNames.add(generated);
        expectations.set(i, new Expectation(generated, e.rule(), e.policy(), e.location()));
      }
    }
    if (columns.isEmpty()) {
      throw error(c.tableElement(0).start, "a feature group needs at least one column");
    }

    List<String> primaryKey = null;
    Optional<String> eventTime = Optional.empty();
    boolean online = false;
    Optional<String> comment = Optional.empty();
    List<Property> properties = List.of();
    List<Tag> tags = List.of();
    Set<String> seen = new HashSet<>();
    for (FeatureGroupClauseContext clause : c.featureGroupClause()) {
      if (clause instanceof PrimaryKeyClauseContext pk) {
        once(seen, "PRIMARY KEY", clause);
        primaryKey = new ArrayList<>();
        Set<String> keyColumns = new HashSet<>();
        for (IdentifierContext id : pk.identifier()) {
          String name = name(id);
          if (!columnNames.contains(name)) {
            throw error(id.start, "PRIMARY KEY column '" + name + "' is not a column of "
                + "the feature group");
          }
          if (!keyColumns.add(name)) {
            throw error(id.start, "column '" + name + "' is listed more than once in PRIMARY KEY");
          }
          primaryKey.add(name);
        }
      } else if (clause instanceof EventTimeClauseContext et) {
        once(seen, "EVENT TIME", clause);
        String name = name(et.identifier());
        if (!columnNames.contains(name)) {
          throw error(et.identifier().start,
              "EVENT TIME column '" + name + "' is not a column of the feature group");
        }
        eventTime = Optional.of(name);
      } else if (clause instanceof OnlineClauseContext) {
        once(seen, "ONLINE", clause);
        online = true;
      } else if (clause instanceof CommentClauseContext cc) {
        once(seen, "COMMENT", clause);
        comment = Optional.of(stringValue(cc.string()));
      } else if (clause instanceof TagsClauseContext tc) {
        once(seen, "WITH TAGS", clause);
        tags = tags(tc.tagList(), false);
      } else {
        once(seen, "WITH", clause);
        properties = properties(((PropertiesClauseContext) clause).properties());
      }
    }
    if (primaryKey == null) {
      throw new ParsingException("PRIMARY KEY is required", location);
    }
    return new CreateFeatureGroup(location, objectName(c.objectName()), c.EXISTS() != null,
        columns, expectations, primaryKey, eventTime, online, comment, properties, tags);
  }

  private Statement createTrainingDataset(CreateTrainingDatasetContext c, NodeLocation location) {
    SqlNode query;
    String queryText;
    if (c.query() != null) {
      query = query(c.query());
      queryText = text(c.query());
    } else {
      DatasetSourceContext source = c.datasetSource();
      SqlNode table = tableName(source.qualifiedName(), source.versionClause(),
          source.tableDecoration(), pos(source), false);
      SqlParserPos pos = pos(source);
      query = new SqlSelect(pos, new SqlNodeList(pos),
          new SqlNodeList(List.of(SqlIdentifier.star(pos)), pos), table,
          null, null, null, null, null, null, null, null, new SqlNodeList(pos));
      queryText = text(source);
    }
    Optional<SplitSpec> split = Optional.empty();
    Optional<String> format = Optional.empty();
    Set<String> seen = new HashSet<>();
    for (DatasetClauseContext clause : c.datasetClause()) {
      if (clause instanceof RandomSplitClauseContext r) {
        once(seen, "SPLIT", clause);
        split = Optional.of(randomSplit(r));
      } else if (clause instanceof TimeSplitClauseContext t) {
        once(seen, "SPLIT", clause);
        List<TimeRange> parts = new ArrayList<>();
        checkDistinct(t.timeRange().stream().map(TimeRangeContext::identifier).toList(),
            "split '%s' is defined more than once");
        for (TimeRangeContext range : t.timeRange()) {
          parts.add(new TimeRange(name(range.identifier()), expression(range.expression(0)),
              expression(range.expression(1))));
        }
        split = Optional.of(new TimeSplit(name(t.identifier()), parts, location(t.start)));
      } else {
        once(seen, "FORMAT", clause);
        IdentifierContext id = ((FormatClauseContext) clause).identifier();
        String value = id.getText().toUpperCase(Locale.ROOT);
        if (id.QUOTED_IDENTIFIER() != null || !(value.equals("PARQUET") || value.equals("CSV"))) {
          throw error(id.start, "unknown format '" + rawName(id)
              + "'; supported formats: PARQUET, CSV");
        }
        format = Optional.of(value);
      }
    }
    return new CreateTrainingDataset(location, objectName(c.objectName()), c.EXISTS() != null,
        query, queryText, split, format, optionalString(c.string()));
  }

  private RandomSplit randomSplit(RandomSplitClauseContext r) {
    checkDistinct(r.splitFraction().stream().map(SplitFractionContext::identifier).toList(),
        "split '%s' is defined more than once");
    List<Fraction> parts = new ArrayList<>();
    BigDecimal sum = BigDecimal.ZERO;
    for (SplitFractionContext f : r.splitFraction()) {
      BigDecimal value = new BigDecimal(f.number().getText());
      if (value.signum() <= 0 || value.compareTo(BigDecimal.ONE) > 0) {
        throw error(f.number().start, "a split fraction must be greater than 0 and at most 1");
      }
      sum = sum.add(value);
      parts.add(new Fraction(name(f.identifier()), value.doubleValue()));
    }
    if (sum.subtract(BigDecimal.ONE).abs().compareTo(new BigDecimal("1e-9")) > 0) {
      throw error(r.start, "the split fractions add up to " + sum.stripTrailingZeros()
          .toPlainString() + ", not 1");
    }
    OptionalLong seed = OptionalLong.empty();
    if (r.SEED() != null) {
      seed = OptionalLong.of(parseLong(r.INTEGER_VALUE().getSymbol(), "SEED"));
    }
    return new RandomSplit(parts, seed, location(r.start));
  }

  private void once(Set<String> seen, String clause, ParserRuleContext ctx) {
    if (!seen.add(clause)) {
      throw error(ctx.start, clause + " is specified more than once");
    }
  }

  private List<Property> properties(PropertiesContext ctx) {
    List<Property> list = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (PropertyContext p : ctx.property()) {
      String key;
      if (p.propertyKey().string() != null) {
        key = stringValue(p.propertyKey().string());
      } else {
        List<String> parts = new ArrayList<>();
        for (IdentifierContext id : p.propertyKey().identifier()) {
          parts.add(name(id));
        }
        key = String.join(".", parts);
      }
      if (!keys.add(key)) {
        throw error(p.start, "property '" + key + "' is specified more than once");
      }
      list.add(new Property(key, propertyValue(p.propertyValue()), location(p.start)));
    }
    return list;
  }

  private SqlNode propertyValue(PropertyValueContext ctx) {
    if (ctx.number() != null) {
      SqlNumericLiteral n = number(ctx.number());
      return ctx.MINUS() != null ? SqlLiteral.createNegative(n, pos(ctx)) : n;
    }
    if (ctx.string() != null) {
      return string(ctx.string());
    }
    if (ctx.booleanValue() != null) {
      return SqlLiteral.createBoolean(ctx.booleanValue().TRUE() != null, pos(ctx));
    }
    return interval(ctx.interval());
  }

  /** A side of SHOW DRIFT: a one-part table name with its VERSION and one decoration. */
  private ShowDrift.DriftSide.Relation driftRelation(DatasetSourceContext source) {
    if (source.qualifiedName().identifier().size() != 1) {
      throw error(source.qualifiedName().identifier(1).start,
          "SHOW DRIFT compares a training dataset or feature group named by one identifier");
    }
    OptionalInt version = source.versionClause() == null
        ? OptionalInt.empty() : OptionalInt.of(version(source.versionClause()));
    ObjectName name = new ObjectName(name(source.qualifiedName().identifier(0)), version,
        location(source.start));
    SqlNode relation = tableName(source.qualifiedName(), source.versionClause(),
        source.tableDecoration(), pos(source), false);
    return new ShowDrift.DriftSide.Relation(name, relation, text(source));
  }

  private ObjectName objectName(ObjectNameContext ctx) {
    OptionalInt version = ctx.versionClause() == null
        ? OptionalInt.empty() : OptionalInt.of(version(ctx.versionClause()));
    return new ObjectName(name(ctx.identifier()), version, location(ctx.start));
  }

  private int version(VersionClauseContext ctx) {
    Token number = ctx.INTEGER_VALUE().getSymbol();
    if (ctx.MINUS() != null) {
      throw error(ctx.MINUS().getSymbol(), "VERSION must be a positive integer");
    }
    try {
      int v = Integer.parseInt(number.getText());
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // too large
    }
    throw error(number, "VERSION must be a positive integer");
  }

  private long parseLong(Token token, String what) {
    try {
      return Long.parseLong(token.getText());
    } catch (NumberFormatException e) {
      throw error(token, what + " value is too large");
    }
  }

  private Optional<String> optionalString(StringContext ctx) {
    return ctx == null ? Optional.empty() : Optional.of(stringValue(ctx));
  }

  // ================================================================ types

  private DataType columnType(DataTypeContext ctx) {
    NodeLocation location = location(ctx.start);
    if (ctx instanceof DoublePrecisionTypeContext) {
      return new DataType(DataType.Kind.DOUBLE, -1, -1, location);
    }
    if (ctx instanceof VaryingCharacterTypeContext v) {
      int length = varcharLength(v.typeParameters(), ctx);
      return new DataType(DataType.Kind.VARCHAR, length, -1, location);
    }
    if (ctx instanceof DateTimeTypeContext d) {
      if (d.TIME() != null) {
        throw unknownType(ctx, "TIME");
      }
      checkNoTimeZone(d);
      if (d.typeParameters() != null && d.typeParameters().typeParameter().size() > 1) {
        throw error(ctx.start, "TIMESTAMP takes at most one parameter (a precision)");
      }
      return new DataType(DataType.Kind.TIMESTAMP, -1, -1, location);
    }
    NamedTypeContext named = (NamedTypeContext) ctx;
    String type = named.identifier().QUOTED_IDENTIFIER() != null
        ? "" : named.identifier().getText().toUpperCase(Locale.ROOT);
    List<Integer> params = typeParameters(named.typeParameters());
    DataType.Kind kind;
    switch (type) {
      case "BOOLEAN" -> kind = DataType.Kind.BOOLEAN;
      case "INT", "INTEGER" -> kind = DataType.Kind.INTEGER;
      case "BIGINT" -> kind = DataType.Kind.BIGINT;
      case "REAL", "FLOAT" -> kind = DataType.Kind.REAL;
      case "DOUBLE" -> kind = DataType.Kind.DOUBLE;
      case "DATE" -> kind = DataType.Kind.DATE;
      case "TIMESTAMP" -> {
        return new DataType(DataType.Kind.TIMESTAMP, -1, -1, location);
      }
      case "DECIMAL", "NUMERIC" -> {
        if (params.size() > 2) {
          throw error(ctx.start, type + " takes at most two parameters (precision, scale)");
        }
        int precision = params.isEmpty() ? 10 : params.get(0);
        int scale = params.size() < 2 ? 0 : params.get(1);
        if (precision < 1 || precision > 38) {
          throw error(ctx.start, "DECIMAL precision must be between 1 and 38, not " + precision);
        }
        if (scale < 0 || scale > precision) {
          throw error(ctx.start,
              "DECIMAL scale must be between 0 and the precision (" + precision + "), not "
                  + scale);
        }
        return new DataType(DataType.Kind.DECIMAL, precision, scale, location);
      }
      case "VARCHAR", "STRING" -> {
        return new DataType(DataType.Kind.VARCHAR, varcharLength(named.typeParameters(), ctx), -1,
            location);
      }
      default -> throw unknownType(ctx, rawName(named.identifier()));
    }
    if (!params.isEmpty()) {
      throw error(ctx.start, "type " + kind + " takes no parameters");
    }
    return new DataType(kind, -1, -1, location);
  }

  private ParsingException unknownType(ParserRuleContext ctx, String name) {
    return error(ctx.start, "unknown type '" + name + "'; supported types: "
        + FEATURE_GROUP_TYPES);
  }

  private void checkNoTimeZone(DateTimeTypeContext d) {
    if (d.timeZoneSpec() != null && d.timeZoneSpec().WITH() != null) {
      throw error(d.timeZoneSpec().start, (d.TIME() != null ? "TIME" : "TIMESTAMP")
          + " WITH TIME ZONE is not supported: fsql TIMESTAMP values are UTC, without a time zone");
    }
  }

  private int varcharLength(TypeParametersContext ctx, ParserRuleContext type) {
    List<Integer> params = typeParameters(ctx);
    if (params.size() > 1) {
      throw error(type.start, "VARCHAR takes at most one parameter (a length)");
    }
    if (params.isEmpty()) {
      return -1;
    }
    if (params.get(0) < 1) {
      throw error(type.start, "VARCHAR length must be positive, not " + params.get(0));
    }
    return params.get(0);
  }

  private List<Integer> typeParameters(TypeParametersContext ctx) {
    List<Integer> list = new ArrayList<>();
    if (ctx != null) {
      for (TypeParameterContext p : ctx.typeParameter()) {
        try {
          int value = Integer.parseInt(p.INTEGER_VALUE().getText());
          list.add(p.MINUS() != null ? -value : value);
        } catch (NumberFormatException e) {
          throw error(p.start, "type parameter is too large");
        }
      }
    }
    return list;
  }

  /** A type in CAST: Calcite's type spec, as Calcite's parser builds it. */
  private SqlDataTypeSpec castType(DataTypeContext ctx) {
    SqlParserPos pos = pos(ctx);
    SqlBasicTypeNameSpec spec;
    if (ctx instanceof DoublePrecisionTypeContext) {
      spec = new SqlBasicTypeNameSpec(SqlTypeName.DOUBLE, pos);
    } else if (ctx instanceof VaryingCharacterTypeContext v) {
      spec = new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, singleParameter(v.typeParameters(),
          "VARCHAR"), null, pos);
    } else if (ctx instanceof DateTimeTypeContext d) {
      checkNoTimeZone(d);
      spec = new SqlBasicTypeNameSpec(d.TIME() != null ? SqlTypeName.TIME : SqlTypeName.TIMESTAMP,
          singleParameter(d.typeParameters(), d.TIME() != null ? "TIME" : "TIMESTAMP"), pos);
    } else {
      NamedTypeContext named = (NamedTypeContext) ctx;
      String type = named.identifier().QUOTED_IDENTIFIER() != null
          ? "" : named.identifier().getText().toUpperCase(Locale.ROOT);
      TypeParametersContext params = named.typeParameters();
      SqlTypeName simple = switch (type) {
        case "BOOLEAN" -> SqlTypeName.BOOLEAN;
        case "TINYINT" -> SqlTypeName.TINYINT;
        case "SMALLINT" -> SqlTypeName.SMALLINT;
        case "INT", "INTEGER" -> SqlTypeName.INTEGER;
        case "BIGINT" -> SqlTypeName.BIGINT;
        case "REAL" -> SqlTypeName.REAL;
        case "FLOAT" -> SqlTypeName.FLOAT;
        case "DOUBLE" -> SqlTypeName.DOUBLE;
        case "DATE" -> SqlTypeName.DATE;
        default -> null;
      };
      if (simple != null) {
        if (params != null) {
          throw error(ctx.start, "type " + simple.getName() + " takes no parameters");
        }
        spec = new SqlBasicTypeNameSpec(simple, pos);
      } else {
        switch (type) {
          case "DECIMAL", "DEC", "NUMERIC" -> {
            List<Integer> p = typeParameters(params);
            if (p.size() > 2) {
              throw error(ctx.start, type + " takes at most two parameters (precision, scale)");
            }
            spec = new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL,
                p.isEmpty() ? PRECISION_NOT_SPECIFIED : p.get(0),
                p.size() < 2 ? SCALE_NOT_SPECIFIED : p.get(1), pos);
          }
          case "CHAR", "CHARACTER" -> spec = new SqlBasicTypeNameSpec(SqlTypeName.CHAR,
              singleParameter(params, type), null, pos);
          case "VARCHAR", "STRING" -> spec = new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR,
              singleParameter(params, type), null, pos);
          case "BINARY" -> spec = new SqlBasicTypeNameSpec(SqlTypeName.BINARY,
              singleParameter(params, type), pos);
          case "VARBINARY" -> spec = new SqlBasicTypeNameSpec(SqlTypeName.VARBINARY,
              singleParameter(params, type), pos);
          case "TIME", "TIMESTAMP" -> spec = new SqlBasicTypeNameSpec(SqlTypeName.valueOf(type),
              singleParameter(params, type), pos);
          default -> throw error(ctx.start, "unknown type '" + rawName(named.identifier())
              + "'; supported types: " + CAST_TYPES);
        }
      }
    }
    return new SqlDataTypeSpec(spec, pos);
  }

  private int singleParameter(TypeParametersContext ctx, String type) {
    List<Integer> params = typeParameters(ctx);
    if (params.size() > 1) {
      throw error(ctx.start, "type " + type + " takes at most one parameter");
    }
    if (!params.isEmpty() && params.get(0) < 0) {
      throw error(ctx.start, "type parameter must not be negative");
    }
    return params.isEmpty() ? PRECISION_NOT_SPECIFIED : params.get(0);
  }

  // ================================================================ queries

  SqlNode query(QueryContext ctx) {
    SqlNodeList withList = ctx.withClause() == null ? null : withList(ctx.withClause());
    List<Object> list = new ArrayList<>();
    list.add(queryTerm(ctx.queryTerm(0)));
    for (int i = 0; i < ctx.setOperator().size(); i++) {
      SetOperatorContext op = ctx.setOperator(i);
      list.add(new ToTreeListItem(setOperator(op), pos(op)));
      list.add(queryTerm(ctx.queryTerm(i + 1)));
    }
    SqlNode body = toTree(list, ctx.start);
    if (withList != null) {
      body = new SqlWith(pos(ctx.withClause().start, ctx.queryTerm(ctx.queryTerm().size() - 1)
          .stop), withList, body);
    }
    SqlNodeList orderList = null;
    if (ctx.orderBy() != null) {
      orderList = new SqlNodeList(sortItems(ctx.orderBy().sortItem()), pos(ctx.orderBy()));
    }
    SqlNode offset = null;
    SqlNode fetch = null;
    LimitClauseContext limit = ctx.limitClause();
    if (limit instanceof LimitOffsetContext l) {
      fetch = limitValue(l.limitValue(0), true);
      if (l.OFFSET() != null) {
        offset = limitValue(l.limitValue(1), false);
      }
    } else if (limit instanceof OffsetFetchContext o) {
      offset = limitValue(o.limitValue(), false);
      if (o.fetchClause() != null) {
        fetch = limitValue(o.fetchClause().limitValue(), false);
      }
    } else if (limit instanceof FetchOnlyContext f) {
      fetch = limitValue(f.fetchClause().limitValue(), false);
    }
    if (orderList != null || offset != null || fetch != null) {
      return new SqlOrderBy(pos(ctx), body,
          orderList == null ? SqlNodeList.EMPTY : orderList, offset, fetch);
    }
    return body;
  }

  private SqlNode limitValue(LimitValueContext ctx, boolean allowAll) {
    if (ctx.ALL() != null) {
      if (!allowAll) {
        throw error(ctx.start, "ALL is only allowed in LIMIT");
      }
      return null;
    }
    if (ctx.number() != null) {
      return number(ctx.number());
    }
    return parameter(ctx.start);
  }

  private SqlOperator setOperator(SetOperatorContext op) {
    boolean all = op.ALL() != null;
    if (op.UNION() != null) {
      return all ? SqlStdOperatorTable.UNION_ALL : SqlStdOperatorTable.UNION;
    }
    if (op.INTERSECT() != null) {
      return all ? SqlStdOperatorTable.INTERSECT_ALL : SqlStdOperatorTable.INTERSECT;
    }
    return all ? SqlStdOperatorTable.EXCEPT_ALL : SqlStdOperatorTable.EXCEPT;
  }

  private SqlNodeList withList(WithClauseContext ctx) {
    boolean recursive = ctx.RECURSIVE() != null;
    List<SqlNode> items = new ArrayList<>();
    for (WithItemContext item : ctx.withItem()) {
      SqlIdentifier name = simpleIdentifier(item.identifier());
      SqlNodeList columns = item.columnList() == null ? null : identifierList(item.columnList());
      items.add(new SqlWithItem(name.getParserPosition(), name, columns, query(item.query()),
          SqlLiteral.createBoolean(recursive, pos(item))));
    }
    return new SqlNodeList(items, pos(ctx));
  }

  private SqlNode queryTerm(QueryTermContext ctx) {
    if (ctx instanceof QuerySpecificationTermContext c) {
      return select(c.querySpecification());
    }
    if (ctx instanceof ValuesTermContext c) {
      List<SqlNode> rows = new ArrayList<>();
      for (RowConstructorContext row : c.rowConstructor()) {
        rows.add(row(row));
      }
      return SqlStdOperatorTable.VALUES.createCall(pos(ctx), rows);
    }
    if (ctx instanceof ExplicitTableTermContext c) {
      return SqlStdOperatorTable.EXPLICIT_TABLE.createCall(pos(ctx), qualifiedName(
          c.qualifiedName()));
    }
    ParenthesizedQueryTermContext c = (ParenthesizedQueryTermContext) ctx;
    return query(c.query()).clone(pos(ctx));
  }

  private SqlNode row(RowConstructorContext ctx) {
    if (ctx.expression() != null) {
      SqlNode e = expression(ctx.expression());
      return SqlStdOperatorTable.ROW.createCall(e.getParserPosition(), e);
    }
    List<SqlNode> values = new ArrayList<>();
    for (RowElementContext element : ctx.rowElement()) {
      values.add(element.DEFAULT() != null
          ? SqlStdOperatorTable.DEFAULT.createCall(pos(element))
          : expression(element.expression()));
    }
    return SqlStdOperatorTable.ROW.createCall(pos(ctx), values);
  }

  private SqlSelect select(QuerySpecificationContext ctx) {
    List<SqlNode> keywords = new ArrayList<>();
    SqlParserPos keywordPos = pos(ctx.SELECT().getSymbol());
    if (ctx.setQuantifier() != null) {
      SqlParserPos p = pos(ctx.setQuantifier());
      keywords.add(ctx.setQuantifier().DISTINCT() != null
          ? SqlSelectKeyword.DISTINCT.symbol(p) : SqlSelectKeyword.ALL.symbol(p));
      keywordPos = pos(ctx.SELECT().getSymbol(), ctx.setQuantifier().stop);
    }
    List<SqlNode> items = new ArrayList<>();
    for (SelectItemContext item : ctx.selectItem()) {
      if (item instanceof SelectAllContext) {
        items.add(SqlIdentifier.star(pos(item)));
      } else {
        SelectSingleContext single = (SelectSingleContext) item;
        SqlNode e = expression(single.expression());
        if (single.identifier() != null) {
          e = SqlStdOperatorTable.AS.createCall(pos(item), e,
              simpleIdentifier(single.identifier()));
        }
        items.add(e);
      }
    }
    SqlNodeList selectList = new SqlNodeList(items,
        pos(ctx.selectItem(0).start, ctx.selectItem(ctx.selectItem().size() - 1).stop));
    SqlNode from = null;
    SqlNode where = null;
    SqlNodeList groupBy = null;
    SqlNode having = null;
    SqlNodeList windows = null;
    SqlNode qualify = null;
    if (ctx.fromClause() != null) {
      from = fromClause(ctx.fromClause().tableRef(), ctx.fromClause().joinPart());
      where = ctx.where == null ? null : expression(ctx.where);
      if (ctx.groupBy() != null) {
        groupBy = groupBy(ctx.GROUP().getSymbol(), ctx.groupBy());
      }
      having = ctx.having == null ? null : expression(ctx.having);
      if (ctx.WINDOW() != null) {
        List<SqlNode> list = new ArrayList<>();
        for (WindowDefinitionContext w : ctx.windowDefinition()) {
          SqlWindow window = window(w.windowSpecification());
          window.setDeclName(simpleIdentifier(w.identifier()));
          list.add(window);
        }
        windows = new SqlNodeList(list, pos(ctx.WINDOW().getSymbol(),
            ctx.windowDefinition(ctx.windowDefinition().size() - 1).stop));
      }
      qualify = ctx.qualify == null ? null : expression(ctx.qualify);
    }
    return new SqlSelect(pos(ctx), new SqlNodeList(keywords, keywordPos), selectList, from,
        where, groupBy, having, windows, qualify, null, null, null, new SqlNodeList(pos(ctx)));
  }

  private SqlNodeList groupBy(Token group, GroupByContext ctx) {
    List<SqlNode> list = new ArrayList<>();
    for (GroupingElementContext element : ctx.groupingElement()) {
      list.add(groupingElement(element));
    }
    SqlParserPos pos = pos(group, ctx.stop);
    if (ctx.DISTINCT() != null) {
      return new SqlNodeList(
          List.of(SqlInternalOperators.GROUP_BY_DISTINCT.createCall(pos, list)), pos);
    }
    return new SqlNodeList(list, pos);
  }

  private SqlNode groupingElement(GroupingElementContext ctx) {
    if (ctx instanceof GroupingSetsContext c) {
      List<SqlNode> list = new ArrayList<>();
      for (GroupingElementContext e : c.groupingElement()) {
        list.add(groupingElement(e));
      }
      return SqlStdOperatorTable.GROUPING_SETS.createCall(pos(ctx), list);
    }
    if (ctx instanceof RollupContext c) {
      return SqlStdOperatorTable.ROLLUP.createCall(pos(ctx), expressions(c.expression()));
    }
    if (ctx instanceof CubeContext c) {
      return SqlStdOperatorTable.CUBE.createCall(pos(ctx), expressions(c.expression()));
    }
    if (ctx instanceof EmptyGroupingSetContext) {
      return new SqlNodeList(pos(ctx));
    }
    return expression(((GroupingExpressionContext) ctx).expression());
  }

  private List<SqlNode> sortItems(List<SortItemContext> items) {
    List<SqlNode> list = new ArrayList<>();
    for (SortItemContext item : items) {
      SqlNode e = expression(item.expression());
      if (item.DESC() != null) {
        e = SqlStdOperatorTable.DESC.createCall(pos(item.start, item.DESC().getSymbol()), e);
      }
      if (item.NULLS() != null) {
        e = (item.FIRST() != null ? SqlStdOperatorTable.NULLS_FIRST
            : SqlStdOperatorTable.NULLS_LAST).createCall(pos(item), e);
      }
      list.add(e);
    }
    return list;
  }

  private SqlWindow window(WindowSpecificationContext ctx) {
    SqlIdentifier ref = ctx.identifier() == null ? null : simpleIdentifier(ctx.identifier());
    SqlNodeList partition = SqlNodeList.EMPTY;
    if (ctx.PARTITION() != null) {
      List<SqlNode> list = expressions(ctx.expression());
      partition = new SqlNodeList(list, pos(ctx.PARTITION().getSymbol(),
          ctx.expression(ctx.expression().size() - 1).stop));
    }
    SqlNodeList order = SqlNodeList.EMPTY;
    if (ctx.ORDER() != null) {
      order = new SqlNodeList(sortItems(ctx.sortItem()), pos(ctx.ORDER().getSymbol(),
          ctx.sortItem(ctx.sortItem().size() - 1).stop));
    }
    SqlLiteral isRows;
    SqlNode lower = null;
    SqlNode upper = null;
    SqlLiteral exclude;
    WindowFrameContext frame = ctx.windowFrame();
    if (frame != null) {
      isRows = SqlLiteral.createBoolean(frame.ROWS() != null, pos(frame.start));
      lower = frameBound(frame.frameBound(0));
      if (frame.BETWEEN() != null) {
        upper = frameBound(frame.frameBound(1));
      }
      exclude = SqlWindow.createExcludeNoOthers(SqlParserPos.ZERO);
    } else {
      isRows = SqlLiteral.createBoolean(false, SqlParserPos.ZERO);
      exclude = SqlWindow.createExcludeNoOthers(pos(ctx.stop));
    }
    return SqlWindow.create(null, ref, partition, order, isRows, lower, upper, null, exclude,
        pos(ctx));
  }

  private SqlNode frameBound(FrameBoundContext ctx) {
    SqlParserPos pos = pos(ctx);
    if (ctx instanceof CurrentRowBoundContext) {
      return SqlWindow.createCurrentRow(pos);
    }
    if (ctx instanceof UnboundedBoundContext u) {
      return u.PRECEDING() != null
          ? SqlWindow.createUnboundedPreceding(pos) : SqlWindow.createUnboundedFollowing(pos);
    }
    BoundedBoundContext b = (BoundedBoundContext) ctx;
    SqlNode e = expression(b.expression());
    return b.PRECEDING() != null
        ? SqlWindow.createPreceding(e, pos) : SqlWindow.createFollowing(e, pos);
  }

  // ---------------------------------------------------------------- FROM

  private SqlNode fromClause(TableRefContext first, List<JoinPartContext> parts) {
    SqlNode e = tableRef(first);
    for (JoinPartContext part : parts) {
      e = join(e, part);
    }
    return e;
  }

  private SqlNode join(SqlNode left, JoinPartContext ctx) {
    if (ctx instanceof CommaJoinContext c) {
      SqlParserPos p = pos(c.start);
      return new SqlJoin(p, left, SqlLiteral.createBoolean(false, p), JoinType.COMMA.symbol(p),
          tableRef(c.tableRef()), JoinConditionType.NONE.symbol(SqlParserPos.ZERO), null);
    }
    QualifiedJoinContext q = (QualifiedJoinContext) ctx;
    JoinTypeContext jt = q.joinType();
    JoinType type;
    if (jt.ASOF() != null) {
      type = jt.LEFT() != null ? JoinType.LEFT_ASOF : JoinType.ASOF;
    } else if (jt.LEFT() != null) {
      type = JoinType.LEFT;
    } else if (jt.RIGHT() != null) {
      type = JoinType.RIGHT;
    } else if (jt.FULL() != null) {
      type = JoinType.FULL;
    } else if (jt.CROSS() != null) {
      type = JoinType.CROSS;
    } else {
      type = JoinType.INNER;
    }
    boolean asof = type == JoinType.ASOF || type == JoinType.LEFT_ASOF;
    SqlParserPos typePos = pos(jt.stop); // the JOIN keyword, as Calcite
    SqlLiteral joinType = type.symbol(typePos);
    SqlLiteral natural = SqlLiteral.createBoolean(q.NATURAL() != null,
        q.NATURAL() != null ? pos(q.NATURAL().getSymbol()) : typePos);
    SqlNode right = tableRef(q.tableRef());
    JoinCriteriaContext criteria = q.joinCriteria();
    if (criteria == null) {
      if (asof) {
        throw error(jt.start, "ASOF JOIN missing MATCH_CONDITION");
      }
      return new SqlJoin(typePos, left, natural, joinType, right,
          JoinConditionType.NONE.symbol(typePos), null);
    }
    if (criteria.USING() != null) {
      if (asof) {
        throw error(criteria.USING().getSymbol(), "ASOF JOIN missing MATCH_CONDITION");
      }
      SqlLiteral using = JoinConditionType.USING.symbol(pos(criteria.USING().getSymbol()));
      List<SqlNode> names = new ArrayList<>();
      for (IdentifierContext id : criteria.identifier()) {
        names.add(simpleIdentifier(id));
      }
      return new SqlJoin(typePos, left, natural, joinType, right, using,
          new SqlNodeList(names, pos(criteria)));
    }
    SqlLiteral on = JoinConditionType.ON.symbol(pos(criteria.ON().getSymbol()));
    MatchConditionContext match = criteria.matchCondition();
    if (match == null) {
      if (asof) {
        throw error(criteria.ON().getSymbol(), "ASOF JOIN missing MATCH_CONDITION");
      }
      return new SqlJoin(typePos, left, natural, joinType, right, on,
          expression(criteria.expression()));
    }
    if (!asof) {
      throw error(match.start, "MATCH_CONDITION only allowed with ASOF JOIN");
    }
    SqlNode matchCondition = expression(match.expression());
    SqlNode condition = expression(criteria.expression());
    if (match.STALENESS() != null) {
      SqlIntervalLiteral staleness = interval(match.interval());
      if (staleness.signum() <= 0) {
        throw error(match.interval().start, "MAX STALENESS must be a positive interval");
      }
      return new SqlPitJoin(typePos, left, natural, joinType, right, on, condition,
          matchCondition, staleness);
    }
    return new SqlAsofJoin(typePos, left, natural, joinType, right, on, condition,
        matchCondition);
  }

  private SqlNode tableRef(TableRefContext ctx) {
    SqlNode table = tablePrimary(ctx.tablePrimary());
    TableAliasContext alias = ctx.tableAlias();
    if (alias == null) {
      return table;
    }
    if (table.getKind() == SqlKind.JOIN) {
      throw error(alias.start, "an alias cannot follow a parenthesized join");
    }
    List<SqlNode> operands = new ArrayList<>();
    operands.add(table);
    operands.add(simpleIdentifier(alias.identifier()));
    if (alias.columnList() != null) {
      for (IdentifierContext id : alias.columnList().identifier()) {
        operands.add(simpleIdentifier(id));
      }
    }
    return SqlStdOperatorTable.AS.createCall(pos(ctx), operands);
  }

  private SqlNode tablePrimary(TablePrimaryContext ctx) {
    if (ctx instanceof TableNameContext c) {
      return tableName(c.qualifiedName(), c.versionClause(), c.tableDecoration(), pos(ctx), false);
    }
    if (ctx instanceof LatestTableNameContext c) {
      return tableName(c.qualifiedName(), c.versionClause(), c.tableDecoration(), pos(ctx), true);
    }
    if (ctx instanceof ImplicitTableFunctionContext c) {
      SqlParserPos pos = pos(ctx);
      SqlCall call = unresolvedCall(qualifiedName(c.qualifiedName()), pos,
          SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION, null,
          functionArguments(c.functionArgument()));
      return SqlStdOperatorTable.COLLECTION_TABLE.createCall(pos, call);
    }
    if (ctx instanceof TableFunctionContext c) {
      SqlCall call = unresolvedCall(qualifiedName(c.qualifiedName()),
          pos(c.qualifiedName().start, c.RPAREN(0).getSymbol()),
          SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION, null,
          functionArguments(c.functionArgument()));
      SqlNode table = SqlStdOperatorTable.COLLECTION_TABLE.createCall(
          pos(c.TABLE().getSymbol(), c.stop), call);
      return c.LATERAL() == null ? table
          : SqlStdOperatorTable.LATERAL.createCall(pos(ctx), table);
    }
    if (ctx instanceof SubqueryRelationContext c) {
      SqlNode query = query(c.query());
      return c.LATERAL() == null ? query
          : SqlStdOperatorTable.LATERAL.createCall(pos(ctx), query);
    }
    if (ctx instanceof ParenthesizedRelationContext c) {
      if (c.joinedTable().joinPart().isEmpty()) {
        // as Calcite: "(t)" and "(t AS x)" are neither a query nor a join
        throw error(ctx.start, "expected a query or a join in parentheses");
      }
      return fromClause(c.joinedTable().tableRef(), c.joinedTable().joinPart());
    }
    UnnestContext c = (UnnestContext) ctx;
    return (c.ORDINALITY() != null ? SqlStdOperatorTable.UNNEST_WITH_ORDINALITY
        : SqlStdOperatorTable.UNNEST).createCall(pos(ctx), expressions(c.expression()));
  }

  /** A table name, decorated ({@link SqlFeatureTableRef}) or plain ({@link SqlIdentifier}). */
  private SqlNode tableName(QualifiedNameContext nameCtx, VersionClauseContext versionCtx,
      List<TableDecorationContext> decorations, SqlParserPos pos, boolean latest) {
    SqlIdentifier name = qualifiedName(nameCtx);
    if (versionCtx == null && decorations.isEmpty() && !latest) {
      return name;
    }
    OptionalInt version = versionCtx == null
        ? OptionalInt.empty() : OptionalInt.of(version(versionCtx));
    Optional<TimeTravel> asOf = Optional.empty();
    Optional<Changes> changes = Optional.empty();
    Optional<SqlNode> spine = Optional.empty();
    Optional<SqlNode> from = Optional.empty();
    Optional<SqlNode> to = Optional.empty();
    Optional<String> split = Optional.empty();
    Optional<org.apache.calcite.sql.SqlNodeList> keys = Optional.empty();
    if (decorations.size() > 1) {
      throw error(decorations.get(1).start, "a table reference takes only one of AS OF, "
          + "CHANGES SINCE, FOR SPINE, FOR EVENT TIME, FOR KEYS and SPLIT");
    }
    for (TableDecorationContext d : decorations) {
      if (latest && !(d instanceof AsOfDecorationContext)) {
        throw error(d.start, "LATEST takes only VERSION and AS OF");
      }
      if (d instanceof AsOfDecorationContext a) {
        asOf = Optional.of(timeTravel(a.timeTravel()));
      } else if (d instanceof ChangesDecorationContext c) {
        Optional<TimeTravel> until = c.UNTIL() == null
            ? Optional.empty() : Optional.of(timeTravel(c.timeTravel(1)));
        changes = Optional.of(new Changes(timeTravel(c.timeTravel(0)), until));
      } else if (d instanceof SpineDecorationContext s) {
        spine = Optional.of(query(s.query()));
      } else if (d instanceof EventTimeDecorationContext e) {
        from = Optional.of(expression(e.expression(0)));
        to = Optional.of(expression(e.expression(1)));
      } else if (d instanceof KeysDecorationContext k) {
        keys = Optional.of(new org.apache.calcite.sql.SqlNodeList(expressions(k.expression()), pos(k)));
      } else {
        split = Optional.of(name(((SplitDecorationContext) d).identifier()));
      }
    }
    return new SqlFeatureTableRef(pos, name, version, asOf, changes, spine, from, to, split, latest, keys);
  }

  private TimeTravel timeTravel(TimeTravelContext ctx) {
    if (ctx.COMMIT() != null) {
      SqlNode value = ctx.string() != null ? string(ctx.string()) : parameter(ctx.stop);
      return new TimeTravel(TimeTravel.Kind.COMMIT, value);
    }
    TimeTravelValueContext v = ctx.timeTravelValue();
    SqlNode value;
    if (v.TIMESTAMP() != null) {
      value = SqlLiteral.createUnknown("TIMESTAMP", stringValue(v.string()), pos(v));
    } else if (v.string() != null) {
      value = string(v.string());
    } else {
      value = parameter(v.start);
    }
    return new TimeTravel(TimeTravel.Kind.TIMESTAMP, value);
  }

  // ================================================================ expectations

  private Expectation expectationDefinition(ExpectationDefinitionContext ctx) {
    ExpectationRule rule = expectationRule(ctx.expectationRule());
    return new Expectation(name(ctx.identifier()), rule, policy(ctx.violationPolicy(), rule),
        location(ctx.start));
  }

  private static ViolationPolicy policy(ViolationPolicyContext ctx, ExpectationRule rule) {
    if (ctx == null) {
      return ViolationPolicy.REJECT;
    }
    if (ctx.DROP() != null) {
      if (!rule.rowRule()) {
        throw error(ctx.DROP().getSymbol(), "ON VIOLATION DROP applies to row rules only: "
            + rule.kind().keyword() + " is a rule over all the inserted rows (use REJECT or WARN)");
      }
      return ViolationPolicy.DROP;
    }
    return ctx.WARN() != null ? ViolationPolicy.WARN : ViolationPolicy.REJECT;
  }

  /** A rule alone, as the catalog stores it (its text). */
  ExpectationRule expectationRule(ExpectationRuleContext ctx) {
    NodeLocation location = location(ctx.start);
    String text = text(ctx);
    if (ctx instanceof CheckRuleContext c) {
      return new ExpectationRule(ExpectationRule.Kind.CHECK, Optional.empty(), location,
          expression(c.expression()), null, null, text, location);
    }
    if (ctx instanceof NotNullRuleContext c) {
      SqlIdentifier id = simpleIdentifier(c.identifier());
      return rowRule(ExpectationRule.Kind.NOT_NULL, c.identifier(),
          SqlStdOperatorTable.IS_NOT_NULL.createCall(pos(ctx), id), text, location);
    }
    if (ctx instanceof AllowedValuesRuleContext c) {
      List<SqlNode> values = new ArrayList<>();
      for (ExpressionContext e : c.expression()) {
        values.add(expression(e));
      }
      SqlNode call = SqlStdOperatorTable.IN.createCall(pos(ctx), simpleIdentifier(c.identifier()),
          new SqlNodeList(values, pos(c.expression(0))));
      return rowRule(ExpectationRule.Kind.ALLOWED_VALUES, c.identifier(), call, text, location);
    }
    if (ctx instanceof RangeRuleContext c) {
      SqlNode call = SqlStdOperatorTable.BETWEEN.createCall(pos(ctx),
          simpleIdentifier(c.identifier()), term(c.low), term(c.high));
      return rowRule(ExpectationRule.Kind.RANGE, c.identifier(), call, text, location);
    }
    if (ctx instanceof LikeRuleContext c) {
      SqlNode call = SqlStdOperatorTable.LIKE.createCall(pos(ctx),
          simpleIdentifier(c.identifier()), string(c.string()));
      return rowRule(ExpectationRule.Kind.LIKE, c.identifier(), call, text, location);
    }
    if (ctx instanceof MatchesRuleContext c) {
      String regex = stringValue(c.string());
      try {
        java.util.regex.Pattern.compile(regex);
      } catch (java.util.regex.PatternSyntaxException e) {
        throw error(c.string().start, "invalid regular expression: "
            + e.getDescription() + " near index " + e.getIndex());
      }
      return new ExpectationRule(ExpectationRule.Kind.MATCHES, Optional.of(name(c.identifier())),
          location(c.identifier().start), null, regex, null, text, location);
    }
    if (ctx instanceof RowCountRuleContext c) {
      return new ExpectationRule(ExpectationRule.Kind.ROW_COUNT, Optional.empty(), location, null,
          null, bound(c.ruleBound()), text, location);
    }
    if (ctx instanceof NullFractionRuleContext c) {
      return commitRule(ExpectationRule.Kind.NULL_FRACTION, c.identifier(), c.ruleBound(), text,
          location);
    }
    if (ctx instanceof DistinctCountRuleContext c) {
      return commitRule(ExpectationRule.Kind.DISTINCT_COUNT, c.identifier(), c.ruleBound(), text,
          location);
    }
    if (ctx instanceof StatisticRuleContext c) {
      ExpectationRule.Kind kind = switch (c.statistic.getType()) {
        case FsqlBaseLexer.MEAN -> ExpectationRule.Kind.MEAN;
        case FsqlBaseLexer.MIN -> ExpectationRule.Kind.MIN;
        case FsqlBaseLexer.MAX -> ExpectationRule.Kind.MAX;
        default -> ExpectationRule.Kind.STDDEV;
      };
      return commitRule(kind, c.identifier(), c.ruleBound(), text, location);
    }
    UniqueRuleContext c = (UniqueRuleContext) ctx;
    return new ExpectationRule(ExpectationRule.Kind.UNIQUE, Optional.of(name(c.identifier())),
        location(c.identifier().start), null, null, null, text, location);
  }

  private ExpectationRule rowRule(ExpectationRule.Kind kind, IdentifierContext column,
      SqlNode condition, String text, NodeLocation location) {
    return new ExpectationRule(kind, Optional.of(name(column)), location(column.start), condition,
        null, null, text, location);
  }

  private ExpectationRule commitRule(ExpectationRule.Kind kind, IdentifierContext column,
      RuleBoundContext bound, String text, NodeLocation location) {
    return new ExpectationRule(kind, Optional.of(name(column)), location(column.start), null, null,
        bound(bound), text, location);
  }

  private static ExpectationRule.Bound bound(RuleBoundContext ctx) {
    if (ctx.BETWEEN() != null) {
      double low = signedNumber(ctx.low);
      double high = signedNumber(ctx.high);
      if (low > high) {
        throw error(ctx.low.start, "the lower bound " + ctx.low.getText()
            + " is greater than the upper bound " + ctx.high.getText());
      }
      return new ExpectationRule.Bound(low, true, high, true);
    }
    double v = signedNumber(ctx.signedNumber(0));
    ComparisonOperatorContext op = ctx.comparisonOperator();
    if (op.EQ() != null) {
      return new ExpectationRule.Bound(v, true, v, true);
    }
    if (op.LT() != null || op.LTE() != null) {
      return new ExpectationRule.Bound(null, false, v, op.LTE() != null);
    }
    if (op.GT() != null || op.GTE() != null) {
      return new ExpectationRule.Bound(v, op.GTE() != null, null, false);
    }
    throw error(op.start, "a bound is BETWEEN a AND b, =, <, <=, > or >= a number, not <>");
  }

  private static double signedNumber(SignedNumberContext ctx) {
    double v = Double.parseDouble(ctx.number().getText());
    return ctx.MINUS() != null ? -v : v;
  }

  private SqlNode term(TermContext ctx) {
    List<Object> list = new ArrayList<>();
    addTerm(list, ctx);
    return toTree(list, ctx.start);
  }

  // ================================================================ expressions

  SqlNode expression(ExpressionContext ctx) {
    List<Object> list = new ArrayList<>();
    addTerm(list, ctx.term());
    boolean likeOpen = false;
    for (OperatorTailContext tail : ctx.operatorTail()) {
      if (tail instanceof BinaryTailContext b) {
        list.add(new ToTreeListItem(binaryOperator(b.binaryOperator()), pos(b.binaryOperator())));
        addTerm(list, b.term());
      } else if (tail instanceof InTailContext in) {
        list.add(new ToTreeListItem(
            in.NOT() != null ? SqlStdOperatorTable.NOT_IN : SqlStdOperatorTable.IN,
            pos(in.IN().getSymbol())));
        list.add(inValues(in.inValues()));
      } else if (tail instanceof QuantifiedTailContext qt) {
        SqlKind kind = comparisonKind(qt.comparisonOperator());
        SqlOperator op = qt.ALL() != null
            ? SqlStdOperatorTable.all(kind) : SqlStdOperatorTable.some(kind);
        list.add(new ToTreeListItem(op, pos(qt.comparisonOperator().start,
            qt.inValues().start)));
        list.add(inValues(qt.inValues()));
      } else if (tail instanceof BetweenTailContext bt) {
        SqlOperator op;
        boolean symmetric = bt.SYMMETRIC() != null;
        if (bt.NOT() != null) {
          op = symmetric ? SqlStdOperatorTable.SYMMETRIC_NOT_BETWEEN
              : SqlStdOperatorTable.NOT_BETWEEN;
        } else {
          op = symmetric ? SqlStdOperatorTable.SYMMETRIC_BETWEEN : SqlStdOperatorTable.BETWEEN;
        }
        list.add(new ToTreeListItem(op, pos(bt.BETWEEN().getSymbol())));
        addTerm(list, bt.term());
        checkBetweenHasAnd(ctx, tail, bt.BETWEEN().getSymbol());
      } else if (tail instanceof LikeTailContext lt) {
        SqlOperator op;
        if (lt.LIKE() != null) {
          op = lt.NOT() != null ? SqlStdOperatorTable.NOT_LIKE : SqlStdOperatorTable.LIKE;
        } else {
          op = lt.NOT() != null
              ? SqlStdOperatorTable.NOT_SIMILAR_TO : SqlStdOperatorTable.SIMILAR_TO;
        }
        list.add(new ToTreeListItem(op, pos(lt.start, lt.term().start)));
        addTerm(list, lt.term());
        likeOpen = true;
        continue;
      } else if (tail instanceof EscapeTailContext et) {
        if (!likeOpen) {
          throw error(et.start, "ESCAPE must follow a LIKE or SIMILAR TO pattern");
        }
        list.add(new ToTreeListItem(SqlStdOperatorTable.ESCAPE, pos(et.ESCAPE().getSymbol())));
        addTerm(list, et.term());
      } else {
        IsTailContext is = (IsTailContext) tail;
        boolean not = is.NOT() != null;
        SqlOperator op;
        if (is.NULL() != null) {
          op = not ? SqlStdOperatorTable.IS_NOT_NULL : SqlStdOperatorTable.IS_NULL;
        } else if (is.TRUE() != null) {
          op = not ? SqlStdOperatorTable.IS_NOT_TRUE : SqlStdOperatorTable.IS_TRUE;
        } else if (is.FALSE() != null) {
          op = not ? SqlStdOperatorTable.IS_NOT_FALSE : SqlStdOperatorTable.IS_FALSE;
        } else {
          op = not ? SqlStdOperatorTable.IS_NOT_UNKNOWN : SqlStdOperatorTable.IS_UNKNOWN;
        }
        list.add(new ToTreeListItem(op, pos(is)));
      }
      likeOpen = false;
    }
    return toTree(list, ctx.start);
  }

  /** {@code x BETWEEN low AND high}: an AND must follow (Calcite would fail past the end). */
  private void checkBetweenHasAnd(ExpressionContext ctx, OperatorTailContext between,
      Token token) {
    List<OperatorTailContext> tails = ctx.operatorTail();
    for (int i = tails.indexOf(between) + 1; i < tails.size(); i++) {
      if (tails.get(i) instanceof BinaryTailContext b && b.binaryOperator().AND() != null) {
        return;
      }
    }
    throw error(token, "BETWEEN without AND: use x BETWEEN low AND high");
  }

  private SqlNode toTree(List<Object> list, Token start) {
    try {
      SqlNode node = SqlParserUtil.toTree(list);
      if (node == null) {
        throw error(start, "invalid expression");
      }
      return node;
    } catch (CalciteContextException e) {
      String message = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
      throw new ParsingException(message, e.getPosLine(), e.getPosColumn(), e);
    }
  }

  private void addTerm(List<Object> list, TermContext ctx) {
    for (PrefixOperatorContext prefix : ctx.prefixOperator()) {
      SqlOperator op;
      if (prefix.PLUS() != null) {
        op = SqlStdOperatorTable.UNARY_PLUS;
      } else if (prefix.MINUS() != null) {
        op = SqlStdOperatorTable.UNARY_MINUS;
      } else if (prefix.NOT() != null) {
        op = SqlStdOperatorTable.NOT;
      } else {
        op = SqlStdOperatorTable.EXISTS;
      }
      list.add(new ToTreeListItem(op, pos(prefix)));
    }
    list.add(primary(ctx.primaryExpression()));
  }

  private SqlNode inValues(InValuesContext ctx) {
    if (ctx.query() != null) {
      return query(ctx.query());
    }
    return new SqlNodeList(expressions(ctx.expression()), pos(ctx));
  }

  private SqlOperator binaryOperator(BinaryOperatorContext ctx) {
    if (ctx.comparisonOperator() != null) {
      return comparisonOperator(ctx.comparisonOperator());
    }
    if (ctx.PLUS() != null) {
      return SqlStdOperatorTable.PLUS;
    }
    if (ctx.MINUS() != null) {
      return SqlStdOperatorTable.MINUS;
    }
    if (ctx.ASTERISK() != null) {
      return SqlStdOperatorTable.MULTIPLY;
    }
    if (ctx.SLASH() != null) {
      return SqlStdOperatorTable.DIVIDE;
    }
    if (ctx.PERCENT() != null) {
      return SqlStdOperatorTable.PERCENT_REMAINDER;
    }
    if (ctx.CONCAT() != null) {
      return SqlStdOperatorTable.CONCAT;
    }
    if (ctx.AND() != null) {
      return SqlStdOperatorTable.AND;
    }
    if (ctx.OR() != null) {
      return SqlStdOperatorTable.OR;
    }
    return ctx.NOT() != null
        ? SqlStdOperatorTable.IS_NOT_DISTINCT_FROM : SqlStdOperatorTable.IS_DISTINCT_FROM;
  }

  private SqlOperator comparisonOperator(ComparisonOperatorContext ctx) {
    return switch (comparisonKind(ctx)) {
      case EQUALS -> SqlStdOperatorTable.EQUALS;
      case NOT_EQUALS -> SqlStdOperatorTable.NOT_EQUALS;
      case LESS_THAN -> SqlStdOperatorTable.LESS_THAN;
      case LESS_THAN_OR_EQUAL -> SqlStdOperatorTable.LESS_THAN_OR_EQUAL;
      case GREATER_THAN -> SqlStdOperatorTable.GREATER_THAN;
      default -> SqlStdOperatorTable.GREATER_THAN_OR_EQUAL;
    };
  }

  private SqlKind comparisonKind(ComparisonOperatorContext ctx) {
    if (ctx.EQ() != null) {
      return SqlKind.EQUALS;
    }
    if (ctx.NEQ() != null) {
      return SqlKind.NOT_EQUALS;
    }
    if (ctx.LT() != null) {
      return SqlKind.LESS_THAN;
    }
    if (ctx.LTE() != null) {
      return SqlKind.LESS_THAN_OR_EQUAL;
    }
    if (ctx.GT() != null) {
      return SqlKind.GREATER_THAN;
    }
    return SqlKind.GREATER_THAN_OR_EQUAL;
  }

  private List<SqlNode> expressions(List<ExpressionContext> list) {
    List<SqlNode> nodes = new ArrayList<>(list.size());
    for (ExpressionContext e : list) {
      nodes.add(expression(e));
    }
    return nodes;
  }

  private SqlNode primary(PrimaryExpressionContext ctx) {
    SqlParserPos pos = pos(ctx);
    if (ctx instanceof ColumnReferenceContext c) {
      SqlIdentifier id = qualifiedName(c.qualifiedName());
      if (c.ASTERISK() == null) {
        return id;
      }
      List<String> names = new ArrayList<>(id.names);
      names.add("");
      List<SqlParserPos> positions = new ArrayList<>();
      for (int i = 0; i < id.names.size(); i++) {
        positions.add(id.getComponentParserPosition(i));
      }
      positions.add(pos(c.ASTERISK().getSymbol()));
      return SqlIdentifier.star(names, pos, positions);
    }
    if (ctx instanceof NumericLiteralContext c) {
      return number(c.number());
    }
    if (ctx instanceof StringLiteralContext c) {
      return string(c.string());
    }
    if (ctx instanceof FunctionCallContext c) {
      return functionCall(c);
    }
    if (ctx instanceof ParameterContext) {
      return parameter(ctx.start);
    }
    if (ctx instanceof NullLiteralContext) {
      return SqlLiteral.createNull(pos);
    }
    if (ctx instanceof BooleanLiteralContext c) {
      return SqlLiteral.createBoolean(c.booleanValue().TRUE() != null, pos);
    }
    if (ctx instanceof UnknownLiteralContext) {
      return SqlLiteral.createUnknown(pos);
    }
    if (ctx instanceof TypedLiteralContext c) {
      String type = c.start.getText().toUpperCase(Locale.ROOT);
      return SqlLiteral.createUnknown(type, stringValue(c.string()), pos);
    }
    if (ctx instanceof IntervalLiteralContext c) {
      return interval(c.interval());
    }
    if (ctx instanceof IntervalExpressionContext c) {
      IntervalOperandContext operand = c.intervalOperand();
      SqlNode e;
      if (operand.number() != null) {
        e = number(operand.number());
      } else if (operand.qualifiedName() != null) {
        e = qualifiedName(operand.qualifiedName());
      } else {
        e = expression(operand.expression());
      }
      if (c.MINUS() != null) {
        e = SqlStdOperatorTable.UNARY_MINUS.createCall(e.getParserPosition(), e);
      }
      return SqlStdOperatorTable.INTERVAL.createCall(pos, e,
          intervalQualifierStart(c.intervalQualifierStart()));
    }
    if (ctx instanceof CastContext c) {
      SqlNode target = c.castTarget().dataType() != null
          ? castType(c.castTarget().dataType())
          : intervalQualifier(c.castTarget().intervalQualifier());
      return SqlStdOperatorTable.CAST.createCall(pos, expression(c.expression()), target);
    }
    if (ctx instanceof ExtractContext c) {
      return SqlStdOperatorTable.EXTRACT.createCall(pos, timeUnitOrName(c.identifier()),
          expression(c.expression()));
    }
    if (ctx instanceof PositionContext c) {
      List<SqlNode> args = new ArrayList<>();
      args.add(primary(c.primaryExpression()));
      args.addAll(expressions(c.expression()));
      return SqlStdOperatorTable.POSITION.createCall(pos, args);
    }
    if (ctx instanceof SubstringContext c) {
      return SqlStdOperatorTable.SUBSTRING.createCall(pos, expressions(c.expression()));
    }
    if (ctx instanceof TrimWithSpecContext c) {
      SqlLiteral flag;
      if (c.BOTH() != null) {
        flag = SqlTrimFunction.Flag.BOTH.symbol(pos(c.BOTH().getSymbol()));
      } else if (c.LEADING() != null) {
        flag = SqlTrimFunction.Flag.LEADING.symbol(pos(c.LEADING().getSymbol()));
      } else {
        flag = SqlTrimFunction.Flag.TRAILING.symbol(pos(c.TRAILING().getSymbol()));
      }
      SqlNode chars = c.trimChars == null ? null : expression(c.trimChars);
      return SqlStdOperatorTable.TRIM.createCall(pos, flag, chars, expression(c.trimSource));
    }
    if (ctx instanceof TrimFromContext c) {
      return SqlStdOperatorTable.TRIM.createCall(pos,
          SqlTrimFunction.Flag.BOTH.symbol(SqlParserPos.ZERO), expression(c.trimChars),
          expression(c.trimSource));
    }
    if (ctx instanceof OverlayContext c) {
      return SqlStdOperatorTable.OVERLAY.createCall(pos, expressions(c.expression()));
    }
    if (ctx instanceof FloorCeilToContext c) {
      SqlOperator op = c.FLOOR() != null ? SqlStdOperatorTable.FLOOR : SqlStdOperatorTable.CEIL;
      SqlCall call = op.createCall(pos(c.start, c.RPAREN().getSymbol()),
          expression(c.expression()), timeUnitOrName(c.identifier()));
      return c.over() == null ? call : over(call, c.over());
    }
    if (ctx instanceof CaseContext c) {
      return caseExpression(c);
    }
    if (ctx instanceof RowExpressionContext c) {
      return SqlStdOperatorTable.ROW.createCall(pos, expressions(c.expression()));
    }
    if (ctx instanceof ContextVariableContext) {
      return new SqlIdentifier(ctx.getText().toLowerCase(Locale.ROOT), pos);
    }
    if (ctx instanceof SubqueryExpressionContext c) {
      return query(c.query()).clone(pos);
    }
    ParenthesizedExpressionContext c = (ParenthesizedExpressionContext) ctx;
    List<SqlNode> list = expressions(c.expression());
    if (list.size() == 1) {
      return list.get(0).clone(pos);
    }
    return SqlStdOperatorTable.ROW.createCall(pos, list);
  }

  private SqlNode caseExpression(CaseContext c) {
    SqlNode value = c.operand == null ? null : expression(c.operand);
    List<SqlNode> whens = new ArrayList<>();
    List<SqlNode> thens = new ArrayList<>();
    for (WhenClauseContext when : c.whenClause()) {
      List<ExpressionContext> exprs = when.expression();
      List<SqlNode> conditions = expressions(exprs.subList(0, exprs.size() - 1));
      whens.add(conditions.size() == 1 ? conditions.get(0)
          : new SqlNodeList(conditions, pos(exprs.get(0).start, exprs.get(exprs.size() - 2).stop)));
      thens.add(expression(exprs.get(exprs.size() - 1)));
    }
    SqlNode elseValue = c.elseExpression == null ? null : expression(c.elseExpression);
    WhenClauseContext first = c.whenClause(0);
    WhenClauseContext last = c.whenClause(c.whenClause().size() - 1);
    SqlParserPos whenPos = pos(first.start, last.stop);
    return SqlCase.createSwitched(pos(c), value, new SqlNodeList(whens, whenPos),
        new SqlNodeList(thens, whenPos), elseValue);
  }

  // ---------------------------------------------------------------- function calls

  private SqlNode functionCall(FunctionCallContext c) {
    SqlIdentifier name = functionName(c.functionName());
    SqlParserPos callPos = pos(c.start, c.RPAREN().getSymbol());
    SqlLiteral quantifier = null;
    List<SqlNode> args;
    FunctionArgumentsContext argsCtx = c.functionArguments();
    boolean named = false;
    if (argsCtx == null) {
      args = List.of();
    } else if (argsCtx.ASTERISK() != null) {
      args = List.of(SqlIdentifier.star(pos(argsCtx.ASTERISK().getSymbol())));
    } else {
      if (argsCtx.setQuantifier() != null) {
        SqlParserPos p = pos(argsCtx.setQuantifier());
        quantifier = argsCtx.setQuantifier().DISTINCT() != null
            ? SqlSelectKeyword.DISTINCT.symbol(p) : SqlSelectKeyword.ALL.symbol(p);
      }
      args = functionArguments(argsCtx.functionArgument());
      named = argsCtx.functionArgument().stream().anyMatch(a -> a.ARROW() != null);
    }

    SqlCall call = null;
    if (quantifier == null && !named && name.isSimple() && !name.isComponentQuoted(0)) {
      call = builtinCall(name.getSimple().toUpperCase(Locale.ROOT), args, callPos);
    }
    if (call == null) {
      SqlFunctionCategory category = SqlFunctionCategory.USER_DEFINED_FUNCTION;
      if (name.isSimple() && !name.isComponentQuoted(0)) {
        switch (name.getSimple().toUpperCase(Locale.ROOT)) {
          case "DATE", "TIME", "TIMESTAMP", "DATETIME" -> category = SqlFunctionCategory.TIMEDATE;
          default -> { }
        }
      }
      call = unresolvedCall(name, callPos, category, quantifier, args);
    }
    if (c.nullTreatment() != null) {
      call = (c.nullTreatment().IGNORE() != null ? SqlStdOperatorTable.IGNORE_NULLS
          : SqlStdOperatorTable.RESPECT_NULLS).createCall(pos(c.nullTreatment()), call);
    }
    if (c.withinGroup() != null) {
      WithinGroupContext wg = c.withinGroup();
      SqlNodeList order = new SqlNodeList(sortItems(wg.sortItem()),
          pos(wg.ORDER().getSymbol(), wg.sortItem(wg.sortItem().size() - 1).stop));
      call = SqlStdOperatorTable.WITHIN_GROUP.createCall(pos(wg), call, order);
    }
    if (c.filter() != null) {
      call = SqlStdOperatorTable.FILTER.createCall(pos(c.filter()), call,
          expression(c.filter().expression()));
    }
    if (c.over() != null) {
      call = over(call, c.over());
    }
    return call;
  }

  /** Functions that Calcite's parser maps to built-in operators although they look like calls. */
  private SqlCall builtinCall(String name, List<SqlNode> args, SqlParserPos pos) {
    switch (name) {
      case "FLOOR":
      case "CEIL":
      case "CEILING":
        if (args.size() == 1) {
          return (name.equals("FLOOR") ? SqlStdOperatorTable.FLOOR : SqlStdOperatorTable.CEIL)
              .createCall(pos, args);
        }
        return null;
      case "SUBSTRING":
        if (args.size() == 2 || args.size() == 3) {
          return SqlStdOperatorTable.SUBSTRING.createCall(pos, args);
        }
        return null;
      case "TRIM":
        if (args.size() == 1) {
          return SqlStdOperatorTable.TRIM.createCall(pos,
              SqlTrimFunction.Flag.BOTH.symbol(SqlParserPos.ZERO), null, args.get(0));
        }
        return null;
      case "TIMESTAMPADD":
      case "TIMESTAMPDIFF":
        if (args.size() == 3 && args.get(0) instanceof SqlIdentifier unit && unit.isSimple()
            && !unit.isComponentQuoted(0)) {
          SqlOperator op = name.equals("TIMESTAMPADD")
              ? SqlStdOperatorTable.TIMESTAMP_ADD : SqlStdOperatorTable.TIMESTAMP_DIFF;
          return op.createCall(pos, timeUnitOrName(unit.getSimple(), unit.getParserPosition()),
              args.get(1), args.get(2));
        }
        return null;
      default:
        return null;
    }
  }

  private static SqlCall unresolvedCall(SqlIdentifier name, SqlParserPos pos,
      SqlFunctionCategory category, SqlLiteral quantifier, List<SqlNode> args) {
    SqlOperator function = new SqlUnresolvedFunction(name, null, null, null, null, category);
    return function.createCall(quantifier, pos, args.toArray(new SqlNode[0]));
  }

  private List<SqlNode> functionArguments(List<FunctionArgumentContext> list) {
    List<SqlNode> args = new ArrayList<>();
    for (FunctionArgumentContext arg : list) {
      SqlNode e = expression(arg.expression());
      if (arg.ARROW() != null) {
        e = SqlStdOperatorTable.ARGUMENT_ASSIGNMENT.createCall(pos(arg), e,
            simpleIdentifier(arg.identifier()));
      }
      args.add(e);
    }
    return args;
  }

  private SqlIdentifier functionName(FunctionNameContext ctx) {
    if (ctx.qualifiedName() != null) {
      return qualifiedName(ctx.qualifiedName());
    }
    return new SqlIdentifier(ctx.getText().toLowerCase(Locale.ROOT), pos(ctx));
  }

  private SqlCall over(SqlCall call, OverContext ctx) {
    SqlNode window = ctx.identifier() != null
        ? simpleIdentifier(ctx.identifier()) : window(ctx.windowSpecification());
    return SqlStdOperatorTable.OVER.createCall(pos(ctx), call, window);
  }

  // ---------------------------------------------------------------- time units and intervals

  private SqlIntervalQualifier timeUnitOrName(IdentifierContext ctx) {
    if (ctx.QUOTED_IDENTIFIER() != null) {
      return new SqlIntervalQualifier(name(ctx), pos(ctx));
    }
    return timeUnitOrName(ctx.getText(), pos(ctx));
  }

  /** As Calcite's TimeUnitOrName: a built-in time unit, or the name of a time frame. */
  private static SqlIntervalQualifier timeUnitOrName(String text, SqlParserPos pos) {
    TimeUnit unit = switch (text.toUpperCase(Locale.ROOT)) {
      case "NANOSECOND" -> TimeUnit.NANOSECOND;
      case "MICROSECOND" -> TimeUnit.MICROSECOND;
      case "MILLISECOND" -> TimeUnit.MILLISECOND;
      case "SECOND" -> TimeUnit.SECOND;
      case "MINUTE" -> TimeUnit.MINUTE;
      case "HOUR" -> TimeUnit.HOUR;
      case "DAY" -> TimeUnit.DAY;
      case "DAYOFWEEK", "DOW" -> TimeUnit.DOW;
      case "DAYOFYEAR", "DOY" -> TimeUnit.DOY;
      case "ISODOW" -> TimeUnit.ISODOW;
      case "ISOYEAR" -> TimeUnit.ISOYEAR;
      case "WEEK" -> TimeUnit.WEEK;
      case "MONTH" -> TimeUnit.MONTH;
      case "QUARTER" -> TimeUnit.QUARTER;
      case "YEAR" -> TimeUnit.YEAR;
      case "EPOCH" -> TimeUnit.EPOCH;
      case "DECADE" -> TimeUnit.DECADE;
      case "CENTURY" -> TimeUnit.CENTURY;
      case "MILLENNIUM" -> TimeUnit.MILLENNIUM;
      default -> null;
    };
    if (unit == null) {
      return new SqlIntervalQualifier(text.toLowerCase(Locale.ROOT), pos);
    }
    return new SqlIntervalQualifier(unit, null, pos);
  }

  private SqlIntervalLiteral interval(IntervalContext ctx) {
    int sign = ctx.MINUS() != null ? -1 : 1;
    SqlIntervalQualifier qualifier = intervalQualifier(ctx.intervalQualifier());
    String value = stringValue(ctx.string());
    checkIntervalValue(value, qualifier, ctx.string().start);
    try {
      return SqlParserUtil.parseIntervalLiteral(pos(ctx), sign, value, qualifier);
    } catch (CalciteContextException e) {
      String message = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
      throw error(ctx.string().start, message);
    }
  }

  /**
   * Checks the format of an interval literal's value (Calcite's parser leaves it to the
   * validator). A precision that the literal does not give is taken as the widest one: the
   * default precisions are the validator's business.
   */
  private static void checkIntervalValue(String value, SqlIntervalQualifier q, Token token) {
    int startPrecision = q.getStartPrecisionPreservingDefault();
    int fractionalPrecision = q.getFractionalSecondPrecisionPreservingDefault();
    SqlIntervalQualifier wide = new SqlIntervalQualifier(q.getStartUnit(),
        startPrecision < 0 ? SqlTypeName.MAX_INTERVAL_START_PRECISION : startPrecision,
        q.getEndUnit(),
        fractionalPrecision < 0
            ? SqlTypeName.MAX_INTERVAL_FRACTIONAL_SECOND_PRECISION : fractionalPrecision,
        SqlParserPos.ZERO);
    try {
      wide.evaluateIntervalLiteral(value, SqlParserPos.ZERO, RelDataTypeSystem.DEFAULT);
    } catch (CalciteContextException e) {
      String message = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
      if (message == null || message.toLowerCase(Locale.ROOT).startsWith("illegal interval")) {
        message = "invalid INTERVAL literal '" + value + "' for " + q;
      }
      throw error(token, message);
    }
  }

  private static TimeUnit timeUnit(IntervalUnitContext ctx) {
    String text = ctx.getText().toUpperCase(Locale.ROOT);
    if (text.endsWith("S")) {
      text = text.substring(0, text.length() - 1);
    }
    return TimeUnit.valueOf(text);
  }

  private SqlIntervalQualifier intervalQualifier(IntervalQualifierContext ctx) {
    TimeUnit start = timeUnit(ctx.startUnit);
    int startPrecision = PRECISION_NOT_SPECIFIED;
    int fractionalPrecision = PRECISION_NOT_SPECIFIED;
    if (ctx.startPrecision != null) {
      List<TerminalNode> p = ctx.startPrecision.INTEGER_VALUE();
      if (p.size() > 1 && (start != TimeUnit.SECOND || ctx.endUnit != null)) {
        throw error(ctx.startPrecision.start,
            "only SECOND takes a fractional precision: " + start + "(p)");
      }
      startPrecision = intValue(p.get(0).getSymbol());
      if (p.size() > 1) {
        fractionalPrecision = intValue(p.get(1).getSymbol());
      }
    }
    TimeUnit end = null;
    if (ctx.endUnit != null) {
      end = timeUnit(ctx.endUnit);
      boolean valid = switch (start) {
        case YEAR -> end == TimeUnit.MONTH;
        case DAY -> end == TimeUnit.HOUR || end == TimeUnit.MINUTE || end == TimeUnit.SECOND;
        case HOUR -> end == TimeUnit.MINUTE || end == TimeUnit.SECOND;
        case MINUTE -> end == TimeUnit.SECOND;
        default -> false;
      };
      if (!valid) {
        throw error(ctx.start, "invalid interval qualifier " + start + " TO " + end);
      }
      if (ctx.endPrecision != null) {
        if (end != TimeUnit.SECOND || ctx.endPrecision.INTEGER_VALUE().size() > 1) {
          throw error(ctx.endPrecision.start,
              "only a SECOND end field takes a precision: SECOND(p)");
        }
        fractionalPrecision = intValue(ctx.endPrecision.INTEGER_VALUE(0).getSymbol());
      }
    }
    return new SqlIntervalQualifier(start, startPrecision, end, fractionalPrecision, pos(ctx));
  }

  private SqlIntervalQualifier intervalQualifierStart(IntervalQualifierStartContext ctx) {
    TimeUnit unit = timeUnit(ctx.intervalUnit());
    int precision = PRECISION_NOT_SPECIFIED;
    int fractional = PRECISION_NOT_SPECIFIED;
    if (ctx.intervalPrecision() != null) {
      List<TerminalNode> p = ctx.intervalPrecision().INTEGER_VALUE();
      if (p.size() > 1 && unit != TimeUnit.SECOND) {
        throw error(ctx.intervalPrecision().start,
            "only SECOND takes a fractional precision: " + unit + "(p)");
      }
      precision = intValue(p.get(0).getSymbol());
      if (p.size() > 1) {
        fractional = intValue(p.get(1).getSymbol());
      }
    }
    return new SqlIntervalQualifier(unit, precision, null, fractional, pos(ctx));
  }

  private int intValue(Token token) {
    try {
      return Integer.parseInt(token.getText());
    } catch (NumberFormatException e) {
      throw error(token, "number is too large: " + token.getText());
    }
  }

  // ---------------------------------------------------------------- literals and names

  private SqlNumericLiteral number(NumberContext ctx) {
    SqlParserPos pos = pos(ctx);
    if (ctx.DOUBLE_VALUE() != null) {
      return SqlLiteral.createApproxNumeric(ctx.getText(), pos);
    }
    return SqlLiteral.createExactNumeric(ctx.getText(), pos);
  }

  private SqlNode string(StringContext ctx) {
    return SqlLiteral.createCharString(stringValue(ctx), pos(ctx));
  }

  private static String stringValue(StringContext ctx) {
    String text = ctx.STRING().getText();
    return text.substring(1, text.length() - 1).replace("''", "'");
  }

  private SqlDynamicParam parameter(Token token) {
    Integer index = parameterIndexes.get(token.getTokenIndex());
    return new SqlDynamicParam(index == null ? 0 : index, pos(token));
  }

  /** An identifier's name: unquoted folded to lower case, quoted as written. */
  static String name(IdentifierContext ctx) {
    if (ctx.QUOTED_IDENTIFIER() != null) {
      String text = ctx.QUOTED_IDENTIFIER().getText();
      return text.substring(1, text.length() - 1).replace("\"\"", "\"");
    }
    return ctx.getText().toLowerCase(Locale.ROOT);
  }

  /** An identifier as the user wrote it (for messages). */
  private static String rawName(IdentifierContext ctx) {
    return ctx.QUOTED_IDENTIFIER() != null ? name(ctx) : ctx.getText();
  }

  private List<String> names(ColumnListContext ctx) {
    List<String> list = new ArrayList<>();
    for (IdentifierContext id : ctx.identifier()) {
      list.add(name(id));
    }
    return list;
  }

  private void checkDistinct(List<IdentifierContext> ids, String message) {
    Map<String, IdentifierContext> seen = new LinkedHashMap<>();
    for (IdentifierContext id : ids) {
      String name = name(id);
      if (seen.put(name, id) != null) {
        throw error(id.start, String.format(Locale.ROOT, message, name));
      }
    }
  }

  private SqlIdentifier simpleIdentifier(IdentifierContext ctx) {
    SqlParserPos pos = pos(ctx);
    return new SqlIdentifier(name(ctx), ctx.QUOTED_IDENTIFIER() != null
        ? pos.withQuoting(true) : pos);
  }

  private SqlNodeList identifierList(ColumnListContext ctx) {
    List<SqlNode> list = new ArrayList<>();
    for (IdentifierContext id : ctx.identifier()) {
      list.add(simpleIdentifier(id));
    }
    return new SqlNodeList(list, pos(ctx));
  }

  private SqlIdentifier qualifiedName(QualifiedNameContext ctx) {
    List<String> names = new ArrayList<>();
    List<SqlParserPos> positions = new ArrayList<>();
    for (IdentifierContext id : ctx.identifier()) {
      SqlIdentifier part = simpleIdentifier(id);
      names.add(part.getSimple());
      positions.add(part.getParserPosition());
    }
    return new SqlIdentifier(names, null, pos(ctx), positions);
  }

  // ---------------------------------------------------------------- positions and text

  private String text(ParserRuleContext ctx) {
    return input.getText(Interval.of(ctx.start.getStartIndex(), ctx.stop.getStopIndex()));
  }

  private static NodeLocation location(Token token) {
    return new NodeLocation(token.getLine(), token.getCharPositionInLine() + 1);
  }

  private static SqlParserPos pos(ParserRuleContext ctx) {
    return pos(ctx.start, ctx.stop);
  }

  private static SqlParserPos pos(Token start, Token stop) {
    if (stop == null || stop.getType() == Token.EOF || stop.getTokenIndex() < start.getTokenIndex()) {
      stop = start;
    }
    int[] end = end(stop);
    return new SqlParserPos(start.getLine(), start.getCharPositionInLine() + 1, end[0], end[1]);
  }

  private static SqlParserPos pos(Token token) {
    return pos(token, token);
  }

  /** The line and column of a token's last character (inclusive, as Calcite's positions). */
  private static int[] end(Token token) {
    String text = token.getText();
    int line = token.getLine();
    int column = token.getCharPositionInLine() + 1;
    if (text == null || text.isEmpty() || token.getType() == Token.EOF) {
      return new int[] {line, column};
    }
    int newline = text.lastIndexOf('\n');
    if (newline < 0) {
      return new int[] {line, column + text.codePointCount(0, text.length()) - 1};
    }
    int lines = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines++;
      }
    }
    return new int[] {line + lines,
        Math.max(1, text.codePointCount(newline + 1, text.length()))};
  }

  private static ParsingException error(Token token, String message) {
    return new ParsingException(message, token.getLine(), token.getCharPositionInLine() + 1);
  }
}
