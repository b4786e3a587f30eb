/**
 * The PromQL grammar, as one Chevrotain parser whose single instance is reused for every parse
 * with syntax errors, and for content assist (tree-parser.ts parses text without errors faster).
 *
 * Binary operators are parsed as a flat sequence (`operand (operator operand)*`); the tree builder
 * applies Prometheus's precedence and associativity. That keeps the grammar's recursion to real
 * nesting (parentheses, calls, selectors), however long an operator chain is.
 */
import { CstParser, type TokenType } from 'chevrotain';
import * as T from './lexer.js';
import { parserErrorMessages } from './syntax-messages.js';

export class PromQLParser extends CstParser {
  /** `validate` checks the grammar, which the tests do once rather than every start. */
  constructor(options: { validate: boolean } = { validate: false }) {
    super(T.allTokens, {
      recoveryEnabled: true,
      maxLookahead: 3,
      nodeLocationTracking: 'none',
      errorMessageProvider: parserErrorMessages,
      skipValidations: !options.validate,
    });
    this.performSelfAnalysis();
  }

  /**
   * Recovery may invent a missing token, but not an opening bracket: that would only lead to a
   * second error about the bracket never being closed.
   */
  protected override canTokenTypeBeInsertedInRecovery(tokenType: TokenType): boolean {
    return tokenType !== T.LParen && tokenType !== T.LBrace && tokenType !== T.LBracket;
  }

  /** The start rule: one expression and nothing after it. */
  readonly promql = this.RULE('promql', () => {
    this.SUBRULE(this.expression);
  });

  readonly expression = this.RULE('expression', () => {
    this.SUBRULE(this.operand);
    this.MANY(() => this.SUBRULE(this.binaryOperation));
  });

  /** An operator with its modifiers (`bool`, `on(...)`, `group_left(...)`) and its right operand. */
  readonly binaryOperation = this.RULE('binaryOperation', () => {
    this.CONSUME(T.BinaryOperator);
    this.OPTION(() => this.CONSUME(T.Bool));
    this.OPTION2(() => {
      this.SUBRULE(this.vectorMatching);
      this.OPTION3(() => this.SUBRULE(this.groupModifier));
    });
    this.SUBRULE(this.operand);
  });

  readonly vectorMatching = this.RULE('vectorMatching', () => {
    this.OR([{ ALT: () => this.CONSUME(T.On) }, { ALT: () => this.CONSUME(T.Ignoring) }]);
    this.SUBRULE(this.groupingLabels);
  });

  readonly groupModifier = this.RULE('groupModifier', () => {
    this.OR([{ ALT: () => this.CONSUME(T.GroupLeft) }, { ALT: () => this.CONSUME(T.GroupRight) }]);
    this.OPTION(() => this.SUBRULE(this.groupingLabels));
  });

  /** A primary expression with unary signs before it and ranges, offsets and `@` after it. */
  readonly operand = this.RULE('operand', () => {
    this.MANY(() => this.CONSUME(T.UnaryOperator));
    this.SUBRULE(this.primary);
    this.MANY2(() => this.SUBRULE(this.postfixModifier));
  });

  readonly postfixModifier = this.RULE('postfixModifier', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.rangeOrSubquery) },
      { ALT: () => this.SUBRULE(this.offsetModifier) },
      { ALT: () => this.SUBRULE(this.atModifier) },
    ]);
  });

  readonly primary = this.RULE('primary', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.functionCall) },
      { ALT: () => this.SUBRULE(this.aggregation) },
      { ALT: () => this.SUBRULE(this.vectorSelector) },
      { ALT: () => this.SUBRULE(this.numberLiteral) },
      { ALT: () => this.SUBRULE(this.stringLiteral) },
      { ALT: () => this.SUBRULE(this.parenExpr) },
    ]);
  });

  readonly functionCall = this.RULE('functionCall', () => {
    this.CONSUME(T.Identifier);
    this.SUBRULE(this.callArguments);
  });

  /** `sum by (job) (x)` or `sum (x) by (job)`. */
  readonly aggregation = this.RULE('aggregation', () => {
    this.CONSUME(T.AggregateOperator);
    this.OR([
      {
        ALT: () => {
          this.SUBRULE(this.aggregateModifier);
          this.SUBRULE(this.callArguments);
        },
      },
      {
        ALT: () => {
          this.SUBRULE2(this.callArguments);
          this.OPTION(() => this.SUBRULE2(this.aggregateModifier));
        },
      },
    ]);
  });

  readonly aggregateModifier = this.RULE('aggregateModifier', () => {
    this.OR([{ ALT: () => this.CONSUME(T.By) }, { ALT: () => this.CONSUME(T.Without) }]);
    this.SUBRULE(this.groupingLabels);
  });

  /** Arguments in parentheses; an empty argument (a trailing comma) is parsed and reported later. */
  readonly callArguments = this.RULE('callArguments', () => {
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.expression);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.OPTION2(() => this.SUBRULE2(this.expression));
      });
    });
    this.CONSUME(T.RParen);
  });

  readonly vectorSelector = this.RULE('vectorSelector', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.MetricName);
          this.OPTION(() => this.SUBRULE(this.labelMatchers));
        },
      },
      { ALT: () => this.SUBRULE2(this.labelMatchers) },
    ]);
  });

  readonly labelMatchers = this.RULE('labelMatchers', () => {
    this.CONSUME(T.LBrace);
    this.OPTION(() => {
      this.SUBRULE(this.labelMatcher);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.labelMatcher);
      });
      this.OPTION2(() => this.CONSUME2(T.Comma));
    });
    this.CONSUME(T.RBrace);
  });

  /** `name="value"`, `"quoted name"=~"value"`, or a quoted metric name alone: `{"http.requests"}`. */
  readonly labelMatcher = this.RULE('labelMatcher', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Identifier);
          this.CONSUME(T.MatchOperator);
          this.CONSUME(T.StringLiteral);
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.StringLiteral);
          this.OPTION(() => {
            this.CONSUME2(T.MatchOperator);
            this.CONSUME3(T.StringLiteral);
          });
        },
      },
    ]);
  });

  readonly groupingLabels = this.RULE('groupingLabels', () => {
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.groupingLabel);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.groupingLabel);
      });
      this.OPTION2(() => this.CONSUME2(T.Comma));
    });
    this.CONSUME(T.RParen);
  });

  readonly groupingLabel = this.RULE('groupingLabel', () => {
    this.OR([{ ALT: () => this.CONSUME(T.LabelName) }, { ALT: () => this.CONSUME(T.StringLiteral) }]);
  });

  /** `[5m]` selects a range; `[30m:1m]` and `[30m:]` run a subquery. */
  readonly rangeOrSubquery = this.RULE('rangeOrSubquery', () => {
    this.CONSUME(T.LBracket);
    this.SUBRULE(this.rangeDuration);
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      this.OPTION2(() => this.SUBRULE(this.stepDuration));
    });
    this.CONSUME(T.RBracket);
  });

  readonly rangeDuration = this.RULE('rangeDuration', () => {
    this.SUBRULE(this.durationExpr);
  });

  readonly stepDuration = this.RULE('stepDuration', () => {
    this.SUBRULE(this.durationExpr);
  });

  /** `offset 5m`, `offset -5m`; arithmetic only in parentheses: `offset (1h + 5m)`. */
  readonly offsetModifier = this.RULE('offsetModifier', () => {
    this.CONSUME(T.Offset);
    this.MANY(() => this.CONSUME(T.UnaryOperator));
    this.OR([
      { ALT: () => this.CONSUME(T.NumericLiteral) },
      { ALT: () => this.SUBRULE(this.parenDuration) },
    ]);
  });

  /** Duration arithmetic, experimental in Prometheus: `[5m + 30s]`, `[1h:(5m * 2)]`. */
  readonly durationExpr = this.RULE('durationExpr', () => {
    this.SUBRULE(this.durationOperand);
    this.MANY(() => {
      this.CONSUME(T.DurationOperator);
      this.SUBRULE2(this.durationOperand);
    });
  });

  readonly durationOperand = this.RULE('durationOperand', () => {
    this.MANY(() => this.CONSUME(T.UnaryOperator));
    this.OR([
      { ALT: () => this.CONSUME(T.NumericLiteral) },
      { ALT: () => this.SUBRULE(this.parenDuration) },
    ]);
  });

  readonly parenDuration = this.RULE('parenDuration', () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.durationExpr);
    this.CONSUME(T.RParen);
  });

  /** `@ 1609746000`, `@ start()`, `@ end()`. */
  readonly atModifier = this.RULE('atModifier', () => {
    this.CONSUME(T.At);
    this.OR([
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(T.UnaryOperator));
          this.CONSUME(T.NumericLiteral);
        },
      },
      {
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(T.Start) }, { ALT: () => this.CONSUME(T.End) }]);
          this.CONSUME(T.LParen);
          this.CONSUME(T.RParen);
        },
      },
    ]);
  });

  readonly numberLiteral = this.RULE('numberLiteral', () => {
    this.CONSUME(T.NumericLiteral);
  });

  readonly stringLiteral = this.RULE('stringLiteral', () => {
    this.CONSUME(T.StringLiteral);
  });

  readonly parenExpr = this.RULE('parenExpr', () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expression);
    this.CONSUME(T.RParen);
  });
}

let instance: PromQLParser | undefined;

/**
 * The one parser instance, made when first needed: text without syntax errors never needs it (see
 * parse.ts). Set `input` and call `promql()`. Not re-entrant.
 */
export function promqlParser(): PromQLParser {
  instance ??= new PromQLParser();
  return instance;
}

/** The start rule's name, for `computeContentAssist`. */
export const START_RULE = 'promql';
