package io.fsql.sql.parser;

import io.fsql.sql.parser.antlr.FsqlBaseLexer;
import io.fsql.sql.parser.antlr.FsqlBaseParser;
import io.fsql.sql.tree.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.apache.calcite.sql.SqlNode;

/**
 * The fsql parser: statements and queries of the fsql dialect to {@link Statement} records and
 * Calcite {@link SqlNode} trees. Stateless and thread-safe; every call makes its own lexer and
 * parser. Parses in ANTLR's fast SLL mode first and falls back to full LL only when SLL fails.
 * Every syntax error is a {@link ParsingException}.
 */
public final class FsqlParser {

  public FsqlParser() {}

  /** Parses exactly one statement, with an optional trailing semicolon. */
  public Statement parseStatement(String sql) {
    return parse(sql, 1, 1, FsqlBaseParser::singleStatement,
        (builder, tree) -> builder.statement(((FsqlBaseParser.SingleStatementContext) tree)
            .statement()),
        "empty statement");
  }

  /**
   * Parses a script of statements separated by semicolons. Positions (of statements, nodes and
   * errors) are line:column in the whole script. A script without statements gives an empty list.
   */
  public List<Statement> parseScript(String script) {
    List<Statement> statements = new ArrayList<>();
    for (StatementSplitter.Piece piece : StatementSplitter.split(script)) {
      statements.add(parse(piece.text(), piece.startLine(), piece.startColumn(),
          FsqlBaseParser::singleStatement,
          (builder, tree) -> builder.statement(((FsqlBaseParser.SingleStatementContext) tree)
              .statement()),
          "empty statement"));
    }
    return List.copyOf(statements);
  }

  /** Parses a query (with the fsql query extensions), with an optional trailing semicolon. */
  public SqlNode parseQuery(String sql) {
    return parse(sql, 1, 1, FsqlBaseParser::standaloneQuery,
        (builder, tree) -> builder.query(((FsqlBaseParser.StandaloneQueryContext) tree).query()),
        "empty query");
  }

  /** Parses a scalar expression. */
  public SqlNode parseExpression(String sql) {
    return parse(sql, 1, 1, FsqlBaseParser::standaloneExpression,
        (builder, tree) -> builder.expression(
            ((FsqlBaseParser.StandaloneExpressionContext) tree).expression()),
        "empty expression");
  }

  /** Parses the rule of an expectation (as the catalog stores it, e.g. {@code amount >= 0}). */
  public io.fsql.sql.tree.ExpectationRule parseExpectationRule(String rule) {
    return parse(rule, 1, 1, FsqlBaseParser::standaloneExpectationRule,
        (builder, tree) -> builder.expectationRule(
            ((FsqlBaseParser.StandaloneExpectationRuleContext) tree).expectationRule()),
        "empty rule");
  }

  /** The reserved words of the dialect (upper case): quote them to use them as names. */
  public static Set<String> reservedWords() {
    return SyntaxErrors.reservedWords();
  }

  /** The keywords of the dialect that can also be used as names (upper case). */
  public static Set<String> nonReservedWords() {
    return SyntaxErrors.nonReservedWords();
  }

  private static <T> T parse(
      String sql,
      int line,
      int column,
      Function<FsqlBaseParser, ? extends ParserRuleContext> entryRule,
      BiFunction<AstBuilder, ParserRuleContext, T> build,
      String emptyMessage) {
    CharStream input = new CaseInsensitiveCharStream(CharStreams.fromString(sql));
    FsqlBaseLexer lexer = new FsqlBaseLexer(input);
    lexer.removeErrorListeners();
    lexer.setLine(line);
    lexer.setCharPositionInLine(column - 1);
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();
    checkTokens(tokens, line, column, emptyMessage);

    FsqlBaseParser parser = new FsqlBaseParser(tokens);
    parser.removeErrorListeners();
    ParserRuleContext tree;
    try {
      try {
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        tree = entryRule.apply(parser);
      } catch (ParseCancellationException e) {
        tokens.seek(0);
        parser.reset();
        parser.setErrorHandler(new SyntaxErrors.Strategy(entryRule));
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        tree = entryRule.apply(parser);
      }
      return build.apply(new AstBuilder(tokens, input), tree);
    } catch (StackOverflowError e) {
      throw new ParsingException(
          "statement is too large (stack overflow while parsing)", line, column);
    } catch (ParsingException e) {
      throw e;
    } catch (RuntimeException e) {
      // the contract: every failure to parse is a ParsingException (this would be a parser bug)
      throw new ParsingException("invalid statement: " + e, line, column, e);
    }
  }

  /** Lexical errors, reported where the offending token starts, before any syntax error. */
  private static void checkTokens(
      CommonTokenStream tokens, int line, int column, String emptyMessage) {
    boolean empty = true;
    for (Token token : tokens.getTokens()) {
      String message = switch (token.getType()) {
        case FsqlBaseLexer.UNTERMINATED_STRING -> "unterminated string literal";
        case FsqlBaseLexer.UNTERMINATED_QUOTED_IDENTIFIER -> "unterminated quoted identifier";
        case FsqlBaseLexer.UNTERMINATED_COMMENT -> "unterminated block comment";
        case FsqlBaseLexer.BACKQUOTED_IDENTIFIER ->
            "backquotes are not identifier quotes; quote names with double quotes (\"name\")";
        case FsqlBaseLexer.QUOTED_IDENTIFIER ->
            token.getText().length() == 2 ? "zero-length quoted identifier" : null;
        case FsqlBaseLexer.UNRECOGNIZED -> "unexpected character '" + token.getText() + "'";
        default -> null;
      };
      if (message != null) {
        throw new ParsingException(message, token.getLine(), token.getCharPositionInLine() + 1);
      }
      if (token.getChannel() == Token.DEFAULT_CHANNEL && token.getType() != Token.EOF
          && token.getType() != FsqlBaseLexer.SEMICOLON) {
        empty = false;
      }
    }
    if (empty) {
      throw new ParsingException(emptyMessage, line, column);
    }
  }
}
