package io.fsql.sql.parser;

import io.fsql.sql.parser.antlr.FsqlBaseLexer;
import io.fsql.sql.parser.antlr.FsqlBaseParser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.atn.RuleStopState;
import org.antlr.v4.runtime.atn.RuleTransition;
import org.antlr.v4.runtime.atn.Transition;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Turns a syntax error of the LL pass into a {@link ParsingException} that a person can act on:
 * the token found, and the sorted list of what could have come instead, computed by walking the
 * grammar's ATN from the state where the parser stopped (a rule such as {@code expression} is
 * reported as one item, {@code <expression>}, rather than as every token that can start it).
 */
final class SyntaxErrors {
  private static final int MAX_EXPECTED = 8;

  /** Rules reported as one item when they are expected. */
  private static final Map<Integer, String> RULE_LABELS = Map.of(
      FsqlBaseParser.RULE_identifier, "<identifier>",
      FsqlBaseParser.RULE_expression, "<expression>",
      FsqlBaseParser.RULE_term, "<expression>",
      FsqlBaseParser.RULE_primaryExpression, "<expression>",
      FsqlBaseParser.RULE_query, "<query>",
      FsqlBaseParser.RULE_dataType, "<type>",
      FsqlBaseParser.RULE_string, "<string>",
      FsqlBaseParser.RULE_number, "<number>",
      FsqlBaseParser.RULE_intervalUnit, "<time unit>");

  private SyntaxErrors() {}

  /**
   * The error strategy of the LL pass: no recovery, the first error is final. It remembers the
   * first synchronization point at each token: when the error only shows later (after rules that
   * could end there have returned), the analysis starts from that point, so that everything that
   * could have followed is listed.
   */
  static final class Strategy extends DefaultErrorStrategy {
    private final Function<FsqlBaseParser, ? extends ParserRuleContext> entryRule;
    private int syncIndex = -1;
    private int syncState;
    private ParserRuleContext syncContext;

    Strategy(Function<FsqlBaseParser, ? extends ParserRuleContext> entryRule) {
      this.entryRule = entryRule;
    }

    @Override
    public void reportError(Parser recognizer, RecognitionException e) {
      throw error((FsqlBaseParser) recognizer);
    }

    @Override
    public void recover(Parser recognizer, RecognitionException e) {
      throw error((FsqlBaseParser) recognizer);
    }

    @Override
    public Token recoverInline(Parser recognizer) {
      throw error((FsqlBaseParser) recognizer);
    }

    @Override
    public void sync(Parser recognizer) {
      int index = recognizer.getInputStream().index();
      if (index != syncIndex) {
        syncIndex = index;
        syncState = recognizer.getState();
        syncContext = recognizer.getContext();
      }
    }

    private ParsingException error(FsqlBaseParser parser) {
      boolean useSync = syncIndex == parser.getInputStream().index() && syncContext != null;
      return SyntaxErrors.error(parser,
          useSync ? syncState : parser.getState(),
          useSync ? syncContext : parser.getContext(),
          entryRule);
    }
  }

  private record Frame(int followState, Frame next) {}

  private record Item(int state, int index, Frame stack, int quiet, int secondary) {}

  /** Builds the exception for the parser's current state. */
  static ParsingException error(FsqlBaseParser parser, int state, ParserRuleContext context,
      Function<FsqlBaseParser, ? extends ParserRuleContext> entryRule) {
    TokenStream tokens = parser.getInputStream();
    ATN atn = parser.getATN();
    Frame stack = null;
    List<Integer> follows = new ArrayList<>();
    // a labelled rule (such as expression) that was entered at the error token is reported whole
    String enclosingLabel = null;
    for (RuleContext ctx = context; ctx != null; ctx = ctx.parent) {
      String label = RULE_LABELS.get(ctx.getRuleIndex());
      if (label != null && ctx instanceof ParserRuleContext rule && rule.start != null
          && rule.start.getTokenIndex() == tokens.index()) {
        enclosingLabel = label;
      }
    }
    for (RuleContext ctx = context; ctx != null && ctx.invokingState >= 0;
        ctx = ctx.parent) {
      RuleTransition call = (RuleTransition) atn.states.get(ctx.invokingState).transition(0);
      follows.add(call.followState.stateNumber);
    }
    for (int i = follows.size() - 1; i >= 0; i--) {
      stack = new Frame(follows.get(i), stack);
    }

    // the tokens the parser sees (the default channel), and where the parser stopped among them
    List<Token> visible = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (i == tokens.index()) {
        start = visible.size();
      }
      if (token.getChannel() == Token.DEFAULT_CHANNEL) {
        visible.add(token);
      }
    }
    if (start < 0) {
      start = visible.size() - 1;
    }

    Walk walk = new Walk(atn, visible);
    int quiet = -1;
    if (enclosingLabel != null) {
      walk.record(start, enclosingLabel, false);
      quiet = start;
    }
    walk.run(new Item(state, start, stack, quiet, -1));

    Token offending = visible.get(Math.min(Math.max(walk.furthest, start), visible.size() - 1));
    Set<String> expected = walk.primary.isEmpty() ? walk.secondary : walk.primary;

    int offendingIndex = visible.indexOf(offending);
    if (isReserved(offending.getType())
        && (expected.contains("<identifier>") || expected.contains("<expression>"))
        && parses(tokens, offending.getTokenIndex(), -1, entryRule)
        && (offendingIndex == 0
            || !parses(tokens, -1, visible.get(offendingIndex - 1).getTokenIndex(), entryRule))) {
      // quoting the word fixes the statement, and it is not simply a token too many before it
      String word = offending.getText().toLowerCase(Locale.ROOT);
      return new ParsingException(
          "'" + word + "' is a reserved word; quote it as \"" + word + "\" to use it as a name",
          offending.getLine(), offending.getCharPositionInLine() + 1);
    }

    StringBuilder message = new StringBuilder("mismatched input '")
        .append(offending.getType() == Token.EOF ? "<EOF>" : offending.getText())
        .append("'");
    if (!expected.isEmpty()) {
      message.append(". Expecting: ");
      int n = 0;
      for (String e : expected) {
        if (n == MAX_EXPECTED) {
          message.append(", ...");
          break;
        }
        if (n > 0) {
          message.append(", ");
        }
        message.append(e);
        n++;
      }
    }
    return new ParsingException(
        message.toString(), offending.getLine(), offending.getCharPositionInLine() + 1);
  }

  /**
   * Whether the statement parses when the token at {@code asIdentifier} is read as an identifier
   * and the token at {@code removed} is left out (-1: none).
   */
  private static boolean parses(
      TokenStream stream, int asIdentifier, int removed,
      Function<FsqlBaseParser, ? extends ParserRuleContext> entryRule) {
    List<Token> copy = new ArrayList<>();
    for (int i = 0; i < stream.size(); i++) {
      if (i == removed) {
        continue;
      }
      CommonToken token = new CommonToken(stream.get(i));
      if (i == asIdentifier) {
        token.setType(FsqlBaseLexer.IDENTIFIER);
      }
      copy.add(token);
    }
    FsqlBaseParser parser = new FsqlBaseParser(new CommonTokenStream(new ListTokenSource(copy)));
    parser.removeErrorListeners();
    parser.setErrorHandler(new BailErrorStrategy());
    parser.getInterpreter().setPredictionMode(PredictionMode.LL);
    try {
      entryRule.apply(parser);
      return true;
    } catch (ParseCancellationException | RecognitionException e) {
      return false;
    }
  }

  /** Explores every path of the ATN from the error state, recording the furthest token reached. */
  private static final class Walk {
    private final ATN atn;
    private final List<Token> tokens;
    private final Vocabulary vocabulary = FsqlBaseParser.VOCABULARY;
    int furthest = -1;
    final Set<String> primary = new TreeSet<>();
    final Set<String> secondary = new TreeSet<>();

    Walk(ATN atn, List<Token> tokens) {
      this.atn = atn;
      this.tokens = tokens;
    }

    void run(Item start) {
      Deque<Item> work = new ArrayDeque<>();
      Set<Item> seen = new HashSet<>();
      work.push(start);
      while (!work.isEmpty()) {
        Item item = work.pop();
        if (!seen.add(item)) {
          continue;
        }
        ATNState state = atn.states.get(item.state());
        if (state instanceof RuleStopState) {
          if (item.stack() != null) {
            work.push(new Item(item.stack().followState(), item.index(), item.stack().next(),
                item.quiet(), item.secondary()));
          }
          continue;
        }
        for (int t = 0; t < state.getNumberOfTransitions(); t++) {
          Transition transition = state.transition(t);
          if (transition instanceof RuleTransition call) {
            int quiet = item.quiet();
            int secondary = item.secondary();
            String label = RULE_LABELS.get(call.ruleIndex);
            if (label != null && quiet != item.index()) {
              record(item.index(), label, secondary == item.index());
              quiet = item.index();
            }
            if (call.ruleIndex == FsqlBaseParser.RULE_operatorTail) {
              secondary = item.index();
            }
            work.push(new Item(call.target.stateNumber, item.index(),
                new Frame(call.followState.stateNumber, item.stack()), quiet, secondary));
          } else if (transition.isEpsilon()) {
            work.push(new Item(transition.target.stateNumber, item.index(), item.stack(),
                item.quiet(), item.secondary()));
          } else if (item.index() < tokens.size()) {
            int type = tokens.get(item.index()).getType();
            if (transition.matches(type, Token.MIN_USER_TOKEN_TYPE, atn.maxTokenType)) {
              work.push(new Item(transition.target.stateNumber, item.index() + 1, item.stack(),
                  item.quiet(), item.secondary()));
            } else if (item.quiet() != item.index()) {
              IntervalSet label = transition.label();
              if (label != null && transition.getSerializationType() != Transition.NOT_SET) {
                for (int expected : label.toList()) {
                  record(item.index(), display(expected), item.secondary() == item.index());
                }
              }
            }
          }
        }
      }
    }

    void record(int index, String what, boolean isSecondary) {
      if (index > furthest) {
        furthest = index;
        primary.clear();
        secondary.clear();
      }
      if (index == furthest) {
        (isSecondary ? secondary : primary).add(what);
      }
    }

    private String display(int type) {
      switch (type) {
        case Token.EOF:
          return "<EOF>";
        case FsqlBaseLexer.IDENTIFIER:
        case FsqlBaseLexer.QUOTED_IDENTIFIER:
          return "<identifier>";
        case FsqlBaseLexer.STRING:
          return "<string>";
        case FsqlBaseLexer.INTEGER_VALUE:
          return "<integer>";
        case FsqlBaseLexer.DECIMAL_VALUE:
        case FsqlBaseLexer.DOUBLE_VALUE:
          return "<number>";
        default:
          String literal = vocabulary.getLiteralName(type);
          return literal != null ? literal : vocabulary.getDisplayName(type);
      }
    }
  }

  // ---------------------------------------------------------------- keywords

  private static final Set<Integer> NON_RESERVED;
  private static final Set<String> RESERVED_WORDS;
  private static final Set<String> NON_RESERVED_WORDS;

  static {
    ATN atn = FsqlBaseParser._ATN;
    IntervalSet nonReserved =
        atn.nextTokens(atn.ruleToStartState[FsqlBaseParser.RULE_nonReserved]);
    Set<Integer> types = new HashSet<>(nonReserved.toList());
    Set<String> reserved = new TreeSet<>();
    Set<String> others = new TreeSet<>();
    Vocabulary vocabulary = FsqlBaseParser.VOCABULARY;
    for (int type = 1; type <= vocabulary.getMaxTokenType(); type++) {
      String literal = vocabulary.getLiteralName(type);
      if (literal != null && literal.matches("'[A-Z_]+'")) {
        String word = literal.substring(1, literal.length() - 1);
        (types.contains(type) ? others : reserved).add(word);
      }
    }
    NON_RESERVED = Collections.unmodifiableSet(types);
    RESERVED_WORDS = Collections.unmodifiableSet(reserved);
    NON_RESERVED_WORDS = Collections.unmodifiableSet(others);
  }

  /** Whether a token type is a keyword that cannot be used as a name. */
  static boolean isReserved(int type) {
    if (type <= 0 || NON_RESERVED.contains(type)) {
      return false;
    }
    String literal = FsqlBaseParser.VOCABULARY.getLiteralName(type);
    return literal != null && literal.matches("'[A-Z_]+'");
  }

  static Set<String> reservedWords() {
    return RESERVED_WORDS;
  }

  static Set<String> nonReservedWords() {
    return NON_RESERVED_WORDS;
  }
}
