/**
 * Parsing PromQL text into an expression tree, with every syntax problem and every parse-time check
 * Prometheus makes besides type checking (see checker.ts for that).
 */
import type { IRecognitionException, IToken } from 'chevrotain';
import type { Expr, TextRange } from './ast.js';
import { hasError, KlaxonError, problem, type Problem } from '../errors.js';
import { AstBuilder } from './build-ast.js';
import { promqlParser } from './grammar.js';
import { UnterminatedString } from './lexer.js';
import { findTooDeepBracket, isTreeTooDeep, MAX_BRACKET_DEPTH, MAX_TREE_DEPTH } from './nesting-limit.js';
import { TreeMaker } from './tree-maker.js';
import { scanInto, type TokenScan } from './scanner.js';
import { PromQLTreeParser } from './tree-parser.js';

export interface ParseResult {
  /** The tree, also after errors when recovery could build one. */
  expr: Expr | undefined;
  /** Problems in text order; all have `source: 'parse'`. */
  problems: Problem[];
}

const SOURCE = 'parse';
const maker = new TreeMaker();
/** Text without syntax errors is parsed straight into a tree; the rest with error recovery, through a syntax tree. */
let treeParser: PromQLTreeParser | undefined;
const builder = new AstBuilder(maker);
/** The tokens of the text being parsed, reused by every parse (see scanInto). */
const scan: TokenScan = { tokens: [], count: 0, errors: [] };

export function parseExpr(text: string): ParseResult {
  const problems: Problem[] = [];
  scanInto(text, scan);
  for (const error of scan.errors) {
    problems.push(problem(error.message, { start: error.offset, end: error.offset + error.length }, SOURCE));
  }
  // The first `count` of `tokens` are the text's; the tokens are overwritten by the next parse.
  const { tokens, count } = scan;
  for (let i = 0; i < count; i++) {
    const token = tokens[i]!;
    if (token.tokenType !== UnterminatedString) continue;
    const message = token.image.startsWith('`') ? 'unterminated raw string' : 'unterminated quoted string';
    problems.push(problem(message, tokenRange(token, text), SOURCE));
  }
  if (count === 0) {
    if (problems.length === 0) problems.push(problem('no expression found in input', { start: 0, end: 0 }, SOURCE));
    return { expr: undefined, problems };
  }
  // Fewer tokens than the limit cannot open that many brackets.
  const tooDeep = count > MAX_BRACKET_DEPTH ? findTooDeepBracket(tokens, count) : undefined;
  if (tooDeep) {
    const message = `expression nesting too deep (limit ${MAX_BRACKET_DEPTH} parentheses, braces and brackets)`;
    problems.push(problem(message, tokenRange(tooDeep, text), SOURCE));
    return { expr: undefined, problems: sortByPosition(problems) };
  }

  let expr: Expr | undefined;
  try {
    const found = problems.length;
    maker.start(problems);
    treeParser ??= new PromQLTreeParser();
    expr = treeParser.parse(tokens, maker, count);
    if (!expr) {
      // Syntax errors: the syntax tree builder reports again what the maker has found so far.
      problems.length = found;
      const parser = promqlParser();
      parser.input = tokens.slice(0, count);
      const cst = parser.promql();
      for (const error of parser.errors) problems.push(syntaxProblem(error, text));
      expr = builder.build(cst, problems);
    }
  } catch (e) {
    // A safety net: a parse must report, never throw.
    problems.push(problem(`internal error while parsing: ${(e as Error).message}`, wholeText(text), SOURCE));
    return { expr: undefined, problems: sortByPosition(problems) };
  }
  if (expr && count >= MAX_TREE_DEPTH && isTreeTooDeep(expr)) {
    problems.push(problem(`expression nesting too deep (limit ${MAX_TREE_DEPTH} levels)`, wholeText(text), SOURCE));
    return { expr: undefined, problems: sortByPosition(problems) };
  }
  // Like Prometheus, check the finished tree only when nothing else is wrong with the text.
  if (!hasError(problems)) maker.addSelectorProblems(problems);
  return { expr, problems: sortByPosition(problems) };
}

/** Parses and returns the tree; throws a KlaxonError carrying every error otherwise. */
export function parseExprOrThrow(text: string): Expr {
  const { expr, problems } = parseExpr(text);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new KlaxonError(errors);
  if (!expr) throw new KlaxonError(problem('no expression found in input', wholeText(text), SOURCE));
  return expr;
}

function syntaxProblem(error: IRecognitionException, text: string): Problem {
  return problem(error.message, tokenRange(error.token, text), SOURCE);
}

/** The end of input has no token position; errors there point at the end of the text. */
function tokenRange(token: IToken, text: string): TextRange {
  if (!Number.isFinite(token.startOffset)) return { start: text.length, end: text.length };
  return { start: token.startOffset, end: token.startOffset + token.image.length };
}

function wholeText(text: string): TextRange {
  return { start: 0, end: text.length };
}

function sortByPosition(problems: Problem[]): Problem[] {
  return problems.length < 2 ? problems : problems.sort(byStart);
}

function byStart(a: Problem, b: Problem): number {
  return a.range.start - b.range.start;
}
