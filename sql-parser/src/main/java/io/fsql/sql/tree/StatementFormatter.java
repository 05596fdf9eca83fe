package io.fsql.sql.tree;

import io.fsql.sql.parser.FsqlParser;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;

/**
 * Renders statements back to fsql SQL, so that parsing the result gives an equal statement.
 * Queries and expressions are printed by Calcite ({@link SqlNode#toSqlString} with the
 * {@link CalciteSqlDialect}); the fsql nodes inside them print fsql syntax. The query of a feature
 * view or training dataset is printed as its source text ({@code queryText}), unchanged.
 */
public final class StatementFormatter {
  private static final Pattern SIMPLE_NAME = Pattern.compile("[a-z_][a-z0-9_$]*");

  private StatementFormatter() {}

  /** The fsql SQL text of {@code statement} (without a trailing semicolon). */
  public static String format(Statement statement) {
    StringBuilder b = new StringBuilder();
    append(b, statement);
    return b.toString();
  }

  /** The SQL text of a Calcite node (a query, an expression or a literal). */
  public static String formatSql(SqlNode node) {
    return node.toSqlString(c -> c.withDialect(CalciteSqlDialect.DEFAULT)).getSql();
  }

  /** A name as fsql reads it back: bare when it is a plain lower-case non-keyword, else quoted. */
  public static String formatName(String name) {
    if (SIMPLE_NAME.matcher(name).matches() && !isKeyword(name)) {
      return name;
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** A string literal. */
  public static String formatString(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private static boolean isKeyword(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    return FsqlParser.reservedWords().contains(upper)
        || FsqlParser.nonReservedWords().contains(upper);
  }

  private static void append(StringBuilder b, Statement statement) {
    if (statement instanceof QueryStatement s) {
      b.append(formatSql(s.query()));
    } else if (statement instanceof Explain s) {
      b.append("EXPLAIN ");
      append(b, s.statement());
    } else if (statement instanceof Insert s) {
      b.append("INSERT INTO ").append(name(s.target()));
      if (!s.columns().isEmpty()) {
        b.append(" (").append(names(s.columns())).append(')');
      }
      b.append('\n').append(formatSql(s.query()));
    } else if (statement instanceof CreateFeatureGroup s) {
      createFeatureGroup(b, s);
    } else if (statement instanceof AlterFeatureGroup s) {
      b.append("ALTER FEATURE GROUP ").append(name(s.name())).append(" SET ");
      if (s.comment().isPresent()) {
        b.append("COMMENT ").append(formatString(s.comment().get()));
      } else {
        b.append(properties(s.set()));
      }
    } else if (statement instanceof DropFeatureGroup s) {
      b.append("DROP FEATURE GROUP ").append(s.ifExists() ? "IF EXISTS " : "")
          .append(name(s.name())).append(s.cascade() ? " CASCADE" : "");
    } else if (statement instanceof AddColumn s) {
      b.append("ALTER FEATURE GROUP ").append(name(s.name())).append(" ADD COLUMN ")
          .append(column(s.column()));
    } else if (statement instanceof DropColumn s) {
      b.append("ALTER FEATURE GROUP ").append(name(s.name())).append(" DROP COLUMN ")
          .append(formatName(s.column()));
    } else if (statement instanceof AlterColumn s) {
      b.append("ALTER FEATURE GROUP ").append(name(s.name())).append(" ALTER COLUMN ")
          .append(formatName(s.column()));
      if (s.type().isPresent()) {
        b.append(" SET DATA TYPE ").append(type(s.type().get()));
      } else {
        b.append(" SET COMMENT ").append(formatString(s.comment().orElseThrow()));
      }
    } else if (statement instanceof AlterTags s) {
      b.append("ALTER ").append(kind(s.kind())).append(' ').append(name(s.name()));
      s.column().ifPresent(c -> b.append(" ALTER COLUMN ").append(formatName(c)));
      b.append(s.unset() ? " UNSET TAGS " : " SET TAGS ").append(tags(s.tags()));
    } else if (statement instanceof ShowFeatures s) {
      b.append("SHOW FEATURES").append(like(s.likePattern().orElse(null)));
      s.tag().ifPresent(t -> b.append(" WHERE TAG ").append(tag(t)));
    } else if (statement instanceof ShowLineage s) {
      b.append("SHOW LINEAGE FOR ");
      if (s.kind() != ObjectKind.ANY) {
        b.append(kind(s.kind())).append(' ');
      }
      b.append(name(s.name()));
    } else if (statement instanceof ShowStatistics s) {
      b.append("SHOW STATISTICS FOR ");
      if (s.kind() != ObjectKind.ANY) {
        b.append(kind(s.kind())).append(' ');
      }
      b.append(name(s.name()));
      s.split().ifPresent(p -> b.append(" SPLIT ").append(formatName(p)));
      s.commit().ifPresent(c -> b.append(" AS OF COMMIT ").append(formatString(c)));
    } else if (statement instanceof AnalyzeFeatureGroup s) {
      b.append("ANALYZE FEATURE GROUP ").append(name(s.name()));
    } else if (statement instanceof ShowDependents s) {
      b.append("SHOW DEPENDENTS OF ").append(name(s.name()));
    } else if (statement instanceof ShowFeatureGroups s) {
      b.append("SHOW FEATURE GROUPS").append(like(s.likePattern().orElse(null)));
    } else if (statement instanceof Describe s) {
      b.append("DESCRIBE ");
      switch (s.kind()) {
        case FEATURE_GROUP -> b.append("FEATURE GROUP ");
        case FEATURE_VIEW -> b.append("FEATURE VIEW ");
        case TRAINING_DATASET -> b.append("TRAINING DATASET ");
        default -> { }
      }
      b.append(name(s.name()));
    } else if (statement instanceof AddExpectation s) {
      b.append("ALTER FEATURE GROUP ").append(name(s.name())).append(" ADD ")
          .append(expectation(s.expectation()));
    } else if (statement instanceof DropExpectation s) {
      b.append("ALTER FEATURE GROUP ").append(name(s.name())).append(" DROP EXPECTATION ")
          .append(formatName(s.expectation()));
    } else if (statement instanceof ShowExpectations s) {
      b.append("SHOW EXPECTATIONS FOR ").append(name(s.name()));
    } else if (statement instanceof ShowValidations s) {
      b.append("SHOW VALIDATIONS FOR ").append(name(s.name()));
      s.limit().ifPresent(l -> b.append(" LIMIT ").append(l));
    } else if (statement instanceof ShowCommits s) {
      b.append("SHOW COMMITS FOR ").append(name(s.name()));
      s.limit().ifPresent(l -> b.append(" LIMIT ").append(l));
    } else if (statement instanceof CreateFeatureView s) {
      b.append("CREATE FEATURE VIEW ").append(s.ifNotExists() ? "IF NOT EXISTS " : "")
          .append(name(s.name()));
      s.comment().ifPresent(c -> b.append(" COMMENT ").append(formatString(c)));
      s.logging().ifPresent(l -> b.append(" WITH LOGGING").append(l.isEmpty() ? "" : " " + properties(l)));
      b.append(" AS\n").append(s.queryText());
    } else if (statement instanceof DropFeatureView s) {
      b.append("DROP FEATURE VIEW ").append(s.ifExists() ? "IF EXISTS " : "")
          .append(name(s.name()));
    } else if (statement instanceof ShowFeatureViews s) {
      b.append("SHOW FEATURE VIEWS").append(like(s.likePattern().orElse(null)));
    } else if (statement instanceof CreateTrainingDataset s) {
      createTrainingDataset(b, s);
    } else if (statement instanceof DropTrainingDataset s) {
      b.append("DROP TRAINING DATASET ").append(s.ifExists() ? "IF EXISTS " : "")
          .append(name(s.name()));
    } else if (statement instanceof RecreateTrainingDataset s) {
      b.append("RECREATE TRAINING DATASET ").append(name(s.name()));
    } else if (statement instanceof SetOnline s) {
      b.append("ALTER FEATURE GROUP ").append(name(s.name())).append(s.online() ? " SET ONLINE" : " SET OFFLINE");
    } else if (statement instanceof RefreshOnline s) {
      b.append("REFRESH ONLINE ").append(name(s.name()));
    } else if (statement instanceof SetOption s) {
      if (s.value().isPresent()) {
        b.append("SET ").append(formatName(s.name())).append(" = '")
            .append(s.value().get().replace("'", "''")).append("'");
      } else {
        b.append("RESET ").append(formatName(s.name()));
      }
    } else if (statement instanceof ShowTrainingDatasets s) {
      b.append("SHOW TRAINING DATASETS").append(like(s.likePattern().orElse(null)));
    } else {
      throw new IllegalArgumentException("unknown statement " + statement);
    }
  }

  private static void createFeatureGroup(StringBuilder b, CreateFeatureGroup s) {
    b.append("CREATE FEATURE GROUP ").append(s.ifNotExists() ? "IF NOT EXISTS " : "")
        .append(name(s.name())).append(" (\n");
    String elements = java.util.stream.Stream.concat(
        s.columns().stream().map(StatementFormatter::column),
        s.expectations().stream().map(StatementFormatter::expectation))
        .map(e -> "  " + e)
        .collect(Collectors.joining(",\n"));
    b.append(elements).append("\n)\nPRIMARY KEY (").append(names(s.primaryKey())).append(')');
    s.eventTime().ifPresent(e -> b.append("\nEVENT TIME ").append(formatName(e)));
    if (s.online()) {
      b.append("\nONLINE");
    }
    s.comment().ifPresent(c -> b.append("\nCOMMENT ").append(formatString(c)));
    if (!s.properties().isEmpty()) {
      b.append("\nWITH ").append(properties(s.properties()));
    }
    if (!s.tags().isEmpty()) {
      b.append("\nWITH TAGS ").append(tags(s.tags()));
    }
  }

  private static String kind(ObjectKind kind) {
    return switch (kind) {
      case FEATURE_VIEW -> "FEATURE VIEW";
      case TRAINING_DATASET -> "TRAINING DATASET";
      default -> "FEATURE GROUP";
    };
  }

  private static String tags(List<Tag> tags) {
    return tags.stream().map(StatementFormatter::tag).collect(Collectors.joining(", ", "(", ")"));
  }

  private static String tag(Tag t) {
    return formatName(t.name()) + t.value().map(v -> " = " + formatString(v)).orElse("");
  }

  private static String column(ColumnDefinition c) {
    StringBuilder b = new StringBuilder(formatName(c.name())).append(' ').append(type(c.type()));
    if (c.notNull()) {
      b.append(" NOT NULL");
    }
    c.comment().ifPresent(comment -> b.append(" COMMENT ").append(formatString(comment)));
    if (!c.tags().isEmpty()) {
      b.append(" TAGS ").append(tags(c.tags()));
    }
    return b.toString();
  }

  /** {@code EXPECTATION name rule [ON VIOLATION policy]} (the default policy is left out). */
  public static String expectation(Expectation e) {
    return "EXPECTATION " + formatName(e.name()) + " " + e.rule().text()
        + (e.policy() == ViolationPolicy.REJECT ? "" : " ON VIOLATION " + e.policy());
  }

  /** A feature group column type. */
  public static String type(DataType type) {
    return switch (type.kind()) {
      case DECIMAL -> "DECIMAL(" + type.precision() + ", " + type.scale() + ")";
      case VARCHAR -> type.precision() < 0 ? "VARCHAR" : "VARCHAR(" + type.precision() + ")";
      default -> type.kind().name();
    };
  }

  private static void createTrainingDataset(StringBuilder b, CreateTrainingDataset s) {
    b.append("CREATE TRAINING DATASET ").append(s.ifNotExists() ? "IF NOT EXISTS " : "")
        .append(name(s.name()));
    s.comment().ifPresent(c -> b.append(" COMMENT ").append(formatString(c)));
    b.append(isQueryText(s.queryText()) ? " AS\n" : "\nFROM ").append(s.queryText());
    s.split().ifPresent(split -> {
      b.append("\nSPLIT ");
      if (split instanceof RandomSplit r) {
        b.append("RANDOM (").append(r.parts().stream()
            .map(p -> formatName(p.name()) + " " + fraction(p.fraction()))
            .collect(Collectors.joining(", "))).append(')');
        r.seed().ifPresent(seed -> b.append(" SEED ").append(seed));
      } else {
        TimeSplit t = (TimeSplit) split;
        b.append("BY TIME ON ").append(formatName(t.column())).append(" (")
            .append(t.parts().stream()
                .map(p -> formatName(p.name()) + " FROM " + formatSql(p.from()) + " TO "
                    + formatSql(p.to()))
                .collect(Collectors.joining(", ")))
            .append(')');
      }
    });
    s.format().ifPresent(f -> b.append("\nFORMAT ").append(f));
  }

  private static String fraction(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /**
   * Whether a dataset's source text is a query ({@code AS query}) rather than a table reference
   * ({@code FROM t}): a query starts with SELECT, WITH, VALUES, TABLE or a parenthesis.
   */
  private static boolean isQueryText(String text) {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (text.startsWith("--", i)) {
        int end = text.indexOf('\n', i);
        i = end < 0 ? text.length() : end + 1;
      } else if (text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? text.length() : end + 2;
      } else {
        break;
      }
    }
    if (i >= text.length()) {
      return false;
    }
    if (text.charAt(i) == '(') {
      return true;
    }
    int j = i;
    while (j < text.length() && (Character.isLetter(text.charAt(j)) || text.charAt(j) == '_')) {
      j++;
    }
    String word = text.substring(i, j).toUpperCase(Locale.ROOT);
    return Set.of("SELECT", "WITH", "VALUES", "TABLE").contains(word);
  }

  private static String properties(List<Property> properties) {
    return properties.stream()
        .map(p -> formatString(p.key()) + " = " + formatSql(p.value()))
        .collect(Collectors.joining(", ", "(", ")"));
  }

  private static String like(String pattern) {
    return pattern == null ? "" : " LIKE " + formatString(pattern);
  }

  private static String name(ObjectName name) {
    OptionalInt version = name.version();
    return formatName(name.name()) + (version.isPresent() ? " VERSION " + version.getAsInt() : "");
  }

  private static String names(List<String> names) {
    return names.stream().map(StatementFormatter::formatName).collect(Collectors.joining(", "));
  }
}
