/**
 * The grammar of grammar.ts once more, as a parser that makes the expression tree while it parses
 * and stops at the first syntax error. Most text has no syntax errors, and for it this takes a
 * fraction of the time of building a syntax tree and then the expression tree from that; parse.ts
 * leaves text with errors to grammar.ts, whose error recovery and messages this parser does not
 * repeat.
 *
 * The rules accept the same token sequences with the same decisions as grammar.ts's (rules that
 * only wrap one token or one rule are written inline), and make the tree with the same tree maker.
 * Tests check that both parsers agree.
 */
import { EmbeddedActionsParser, type IOrAlt, type IToken } from 'chevrotain';
import type { Expr, VectorSelector } from './ast.js';
import type { DurationValue } from './duration-value.js';
import {
  AggregateOperator,
  allTokens,
  At,
  BinaryOperator,
  Bool,
  By,
  Colon,
  Comma,
  DurationOperator,
  End,
  GroupLeft,
  GroupRight,
  Identifier,
  Ignoring,
  LabelName,
  LBrace,
  LBracket,
  LParen,
  MatchOperator,
  MetricName,
  NumericLiteral,
  Offset,
  On,
  RBrace,
  RBracket,
  RParen,
  Start,
  StringLiteral,
  UnaryOperator,
  Without,
} from './lexer.js';
import type { WrittenMatching } from './operator-nodes.js';
import type { Operation, SignedOperand } from './precedence.js';
import type { PostfixModifier } from './time-modifiers.js';
import type { AggregateModifier, Arguments, BinaryOperation, Braces, BuiltMatcher, Grouping, Operand, TreeMaker } from './tree-maker.js';

const NO_TOKENS: readonly IToken[] = [];

class Incomplete extends Error {}
const NO_OPERATIONS: readonly never[] = [];

/**
 * While Chevrotain records the grammar (in the constructor), rules run on stand-in tokens and
 * nothing is made: they return this instead.
 */
const RECORDING = undefined as never;

export class PromQLTreeParser extends EmbeddedActionsParser {
  private make: TreeMaker | undefined;

  /** `validate` checks the grammar, which the tests do once rather than every start. */
  constructor(options: { validate: boolean } = { validate: false }) {
    super(allTokens, { recoveryEnabled: false, maxLookahead: 3, skipValidations: !options.validate });
    this.performSelfAnalysis();
  }

  /**
   * The tree of `tokens`, made with `make` (started by the caller); undefined when the text has a
   * syntax error or a node the maker cannot make, which the syntax tree builder must then handle.
   */
  parse(tokens: IToken[], make: TreeMaker): Expr | undefined {
    this.make = make;
    this.input = tokens;
    try {
      const expr = this.expression();
      return this.errors.length === 0 ? expr : undefined;
    } catch (e) {
      if (e instanceof Incomplete) return undefined;
      throw e;
    }
  }

  private get maker(): TreeMaker {
    return this.make!;
  }

  /** Ends the parse where the maker could not make a node, which the syntax tree builder leaves out. */
  private incomplete(): never {
    throw new Incomplete();
  }

  private readonly expression = this.RULE('expression', (): Expr => {
    const first = this.SUBRULE(this.operand);
    let operations: BinaryOperation[] | undefined;
    this.MANY(() => {
      const operation = this.SUBRULE(this.binaryOperation);
      (operations ??= []).push(operation);
    });
    if (this.RECORDING_PHASE) return RECORDING;
    return this.maker.expression(first, operations ?? NO_OPERATIONS);
  });

  private readonly binaryOperation = this.RULE('binaryOperation', (): BinaryOperation => {
    const token = this.CONSUME(BinaryOperator);
    const returnBool = this.OPTION(this.boolModifier) !== undefined;
    const matching = this.OPTION2(this.matchingModifiers);
    const operand = this.SUBRULE(this.operand);
    if (this.RECORDING_PHASE) return RECORDING;
    return { operator: this.maker.operator(token, returnBool, matching), operand };
  });

  private readonly boolModifier = () => this.CONSUME(Bool);

  private readonly matchingModifiers = (): WrittenMatching => {
    const { on, labels } = this.SUBRULE(this.vectorMatching);
    const group = this.OPTION3(() => this.SUBRULE(this.groupModifier));
    if (this.RECORDING_PHASE) return RECORDING;
    return this.maker.matching(on, labels, group?.group, group?.include ?? []);
  };

  /** True for `on`. */
  private readonly onOrIgnoring: IOrAlt<boolean>[] = [
    {
      ALT: () => {
        this.CONSUME(On);
        return true;
      },
    },
    {
      ALT: () => {
        this.CONSUME(Ignoring);
        return false;
      },
    },
  ];

  private readonly vectorMatching = this.RULE('vectorMatching', (): { on: boolean; labels: string[] } => {
    const on = this.OR(this.onOrIgnoring);
    const grouping = this.SUBRULE(this.groupingLabels);
    if (this.RECORDING_PHASE) return RECORDING;
    return { on, labels: grouping.labels };
  });

  private readonly leftOrRight: IOrAlt<'left' | 'right'>[] = [
    {
      ALT: () => {
        this.CONSUME(GroupLeft);
        return 'left';
      },
    },
    {
      ALT: () => {
        this.CONSUME(GroupRight);
        return 'right';
      },
    },
  ];

  private readonly groupModifier = this.RULE('groupModifier', (): { group: 'left' | 'right'; include: string[] } => {
    const group = this.OR(this.leftOrRight);
    const include = this.OPTION(() => this.SUBRULE(this.groupingLabels));
    if (this.RECORDING_PHASE) return RECORDING;
    return { group, include: include?.labels ?? [] };
  });

  private readonly postfixModifiers: IOrAlt<PostfixModifier>[] = [
    { ALT: () => this.SUBRULE(this.rangeOrSubquery) },
    { ALT: () => this.SUBRULE(this.offsetModifier) },
    { ALT: () => this.SUBRULE(this.atModifier) },
  ];

  private readonly operand = this.RULE('operand', (): Operand => {
    let signs: IToken[] | undefined;
    this.MANY(() => {
      const sign = this.CONSUME(UnaryOperator);
      (signs ??= []).push(sign);
    });
    let expr = this.SUBRULE(this.primary);
    this.MANY2(() => {
      const modifier = this.OR(this.postfixModifiers);
      if (!this.RECORDING_PHASE) expr = this.maker.modified(expr, modifier);
    });
    if (this.RECORDING_PHASE) return RECORDING;
    return { signs: signs ?? NO_TOKENS, value: expr };
  });

  private readonly primaries: IOrAlt<Expr>[] = [
    { ALT: () => this.SUBRULE(this.functionCall) },
    { ALT: () => this.SUBRULE(this.aggregation) },
    { ALT: () => this.SUBRULE(this.vectorSelector) },
    {
      ALT: () => {
        const token = this.CONSUME(NumericLiteral);
        return this.RECORDING_PHASE ? RECORDING : this.maker.number(token);
      },
    },
    {
      ALT: () => {
        const token = this.CONSUME(StringLiteral);
        return this.RECORDING_PHASE ? RECORDING : this.maker.string(token);
      },
    },
    { ALT: () => this.SUBRULE(this.parenExpr) },
  ];

  private readonly primary = this.RULE('primary', (): Expr => this.OR(this.primaries));

  private readonly functionCall = this.RULE('functionCall', (): Expr => {
    const name = this.CONSUME(Identifier);
    if (!this.RECORDING_PHASE) this.maker.functionName(name);
    const args = this.SUBRULE(this.callArguments);
    return this.RECORDING_PHASE ? RECORDING : this.maker.call(name, args);
  });

  /** `by (...)` before or after the arguments. */
  private readonly aggregateParts: IOrAlt<{ modifier: AggregateModifier | undefined; args: Arguments }>[] = [
    {
      ALT: () => {
        const modifier = this.SUBRULE(this.aggregateModifier);
        const args = this.SUBRULE(this.callArguments);
        return { modifier, args };
      },
    },
    {
      ALT: () => {
        const args = this.SUBRULE2(this.callArguments);
        const modifier = this.OPTION(() => this.SUBRULE2(this.aggregateModifier));
        return { modifier, args };
      },
    },
  ];

  private readonly aggregation = this.RULE('aggregation', (): Expr => {
    const opToken = this.CONSUME(AggregateOperator);
    const { modifier, args } = this.OR(this.aggregateParts);
    if (this.RECORDING_PHASE) return RECORDING;
    return this.maker.aggregation(opToken, args, modifier) ?? this.incomplete();
  });

  /** True for `without`. */
  private readonly byOrWithout: IOrAlt<boolean>[] = [
    {
      ALT: () => {
        this.CONSUME(By);
        return false;
      },
    },
    {
      ALT: () => {
        this.CONSUME(Without);
        return true;
      },
    },
  ];

  private readonly aggregateModifier = this.RULE('aggregateModifier', (): AggregateModifier => {
    const without = this.OR(this.byOrWithout);
    const grouping = this.SUBRULE(this.groupingLabels);
    if (this.RECORDING_PHASE) return RECORDING;
    return { ...grouping, without };
  });

  private readonly callArguments = this.RULE('callArguments', (): Arguments => {
    const open = this.CONSUME(LParen);
    const args: Expr[] = [];
    const commas: IToken[] = [];
    this.OPTION(() => {
      args.push(this.SUBRULE(this.expression));
      this.MANY(() => {
        commas.push(this.CONSUME(Comma));
        this.OPTION2(() => args.push(this.SUBRULE2(this.expression)));
      });
    });
    const close = this.CONSUME(RParen);
    return this.RECORDING_PHASE ? RECORDING : this.maker.arguments(open, args, commas, close);
  });

  private readonly selectors: IOrAlt<VectorSelector>[] = [
    {
      ALT: () => {
        const name = this.CONSUME(MetricName);
        const braces = this.OPTION(() => this.SUBRULE(this.labelMatchers));
        return this.RECORDING_PHASE ? RECORDING : this.maker.selector(name, braces);
      },
    },
    {
      ALT: () => {
        const braces = this.SUBRULE2(this.labelMatchers);
        return this.RECORDING_PHASE ? RECORDING : this.maker.selector(undefined, braces);
      },
    },
  ];

  private readonly vectorSelector = this.RULE('vectorSelector', (): VectorSelector => this.OR(this.selectors));

  private readonly labelMatchers = this.RULE('labelMatchers', (): Braces => {
    const open = this.CONSUME(LBrace);
    const built: BuiltMatcher[] = [];
    let lastComma: IToken | undefined;
    const add = (matcher: BuiltMatcher | undefined) => {
      if (matcher) built.push(matcher);
    };
    this.OPTION(() => {
      add(this.SUBRULE(this.labelMatcher));
      this.MANY(() => {
        lastComma = this.CONSUME(Comma);
        add(this.SUBRULE2(this.labelMatcher));
      });
      this.OPTION2(() => {
        lastComma = this.CONSUME2(Comma);
      });
    });
    const close = this.CONSUME(RBrace);
    return this.RECORDING_PHASE ? RECORDING : this.maker.braces(open, built, lastComma, close);
  });

  private readonly matchers: IOrAlt<BuiltMatcher | undefined>[] = [
    {
      ALT: () => {
        const name = this.CONSUME(Identifier);
        const operator = this.CONSUME(MatchOperator);
        const value = this.CONSUME(StringLiteral);
        return this.RECORDING_PHASE ? RECORDING : this.maker.labelMatcher(name, operator, value);
      },
    },
    {
      ALT: () => {
        const name = this.CONSUME2(StringLiteral);
        let operator: IToken | undefined;
        let value: IToken | undefined;
        this.OPTION(() => {
          operator = this.CONSUME2(MatchOperator);
          value = this.CONSUME3(StringLiteral);
        });
        return this.RECORDING_PHASE ? RECORDING : this.maker.quotedMatcher(name, operator, value);
      },
    },
  ];

  private readonly labelMatcher = this.RULE('labelMatcher', (): BuiltMatcher | undefined => this.OR(this.matchers));

  private readonly groupingLabels = this.RULE('groupingLabels', (): Grouping => {
    const open = this.CONSUME(LParen);
    const labels: string[] = [];
    this.OPTION(() => {
      labels.push(this.SUBRULE(this.groupingLabel));
      this.MANY(() => {
        this.CONSUME(Comma);
        labels.push(this.SUBRULE2(this.groupingLabel));
      });
      this.OPTION2(() => this.CONSUME2(Comma));
    });
    const close = this.CONSUME(RParen);
    return this.RECORDING_PHASE ? RECORDING : this.maker.grouping(open, labels, close);
  });

  private readonly labelNames: IOrAlt<string>[] = [
    {
      ALT: () => {
        const word = this.CONSUME(LabelName);
        return this.RECORDING_PHASE ? RECORDING : this.maker.groupingLabel(word, false);
      },
    },
    {
      ALT: () => {
        const quoted = this.CONSUME(StringLiteral);
        return this.RECORDING_PHASE ? RECORDING : this.maker.groupingLabel(quoted, true);
      },
    },
  ];

  private readonly groupingLabel = this.RULE('groupingLabel', (): string => this.OR(this.labelNames));

  private readonly rangeOrSubquery = this.RULE('rangeOrSubquery', (): PostfixModifier => {
    const open = this.CONSUME(LBracket);
    const range = this.SUBRULE(this.durationExpr);
    let colon = false;
    let step: DurationValue | undefined;
    this.OPTION(() => {
      this.CONSUME(Colon);
      colon = true;
      step = this.OPTION2(() => this.SUBRULE2(this.durationExpr));
    });
    const close = this.CONSUME(RBracket);
    return this.RECORDING_PHASE ? RECORDING : this.maker.range(open, range, colon, step, close);
  });

  private readonly offsetModifier = this.RULE('offsetModifier', (): PostfixModifier => {
    this.CONSUME(Offset);
    const signs = this.signs();
    const value = this.OR(this.durationValues);
    return this.RECORDING_PHASE ? RECORDING : this.maker.offset({ signs, value });
  });

  private readonly durationExpr = this.RULE('durationExpr', (): DurationValue => {
    const first = this.SUBRULE(this.durationOperand);
    let operations: Array<Operation<DurationValue, IToken>> | undefined;
    this.MANY(() => {
      const operator = this.CONSUME(DurationOperator);
      const operand = this.SUBRULE2(this.durationOperand);
      (operations ??= []).push({ operator, operand });
    });
    return this.RECORDING_PHASE ? RECORDING : this.maker.durationExpression(first, operations ?? NO_OPERATIONS);
  });

  private readonly durationValues: IOrAlt<DurationValue>[] = [
    {
      ALT: () => {
        const literal = this.CONSUME(NumericLiteral);
        return this.RECORDING_PHASE ? RECORDING : this.maker.durationLiteral(literal);
      },
    },
    { ALT: () => this.SUBRULE(this.parenDuration) },
  ];

  private readonly durationOperand = this.RULE('durationOperand', (): SignedOperand<DurationValue> => {
    const signs = this.signs();
    const value = this.OR(this.durationValues);
    return this.RECORDING_PHASE ? RECORDING : { signs, value };
  });

  /** Signs before a duration; a method, not a rule, as the MANY belongs to the rule that calls it. */
  private signs(): readonly IToken[] {
    let signs: IToken[] | undefined;
    this.MANY(() => {
      const sign = this.CONSUME(UnaryOperator);
      (signs ??= []).push(sign);
    });
    return signs ?? NO_TOKENS;
  }

  private readonly parenDuration = this.RULE('parenDuration', (): DurationValue => {
    const open = this.CONSUME(LParen);
    const inner = this.SUBRULE(this.durationExpr);
    const close = this.CONSUME(RParen);
    return this.RECORDING_PHASE ? RECORDING : this.maker.parenDuration(open, inner, close);
  });

  private readonly anchors: IOrAlt<IToken>[] = [{ ALT: () => this.CONSUME(Start) }, { ALT: () => this.CONSUME(End) }];

  private readonly atValues: IOrAlt<PostfixModifier>[] = [
    {
      ALT: () => {
        const sign = this.OPTION(() => this.CONSUME(UnaryOperator));
        const literal = this.CONSUME(NumericLiteral);
        return this.RECORDING_PHASE ? RECORDING : this.maker.atTimestamp(sign ? [sign] : NO_TOKENS, literal);
      },
    },
    {
      ALT: () => {
        const anchor = this.OR2(this.anchors);
        this.CONSUME(LParen);
        const close = this.CONSUME(RParen);
        return this.RECORDING_PHASE ? RECORDING : this.maker.atAnchor(anchor, close);
      },
    },
  ];

  private readonly atModifier = this.RULE('atModifier', (): PostfixModifier => {
    this.CONSUME(At);
    return this.OR(this.atValues);
  });

  private readonly parenExpr = this.RULE('parenExpr', (): Expr => {
    const open = this.CONSUME(LParen);
    const inner = this.SUBRULE(this.expression);
    const close = this.CONSUME(RParen);
    return this.RECORDING_PHASE ? RECORDING : this.maker.paren(open, inner, close);
  });
}
