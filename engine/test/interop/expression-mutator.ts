/**
 * Small, deterministic damage to PromQL text: a token deleted, duplicated or swapped, a closing
 * bracket dropped, an operator, keyword, literal or whole piece (` offset 5m`, `[5m:]`) inserted, a
 * duration unit, number, string or match operator respelled, a name swapped for a keyword.
 * Mutations are plain data drawn by fast-check, so a fixed seed always yields the same variants.
 */
import fc from 'fast-check';

/** A rough PromQL tokenizer: good enough to cut text at token boundaries, never rejects anything. */
const TOKEN =
  /\s+|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|`[^`]*`?|#[^\n]*|(?:\d|\.\d)[\w.]*|[a-zA-Z_:][\w:]*|=~|!~|!=|==|<=|>=|[^\s]/gsu;

function roughTokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

const BINARY_OPERATORS = ['+', '-', '*', '/', '%', '^', '==', '!=', '>', '<', '>=', '<=', 'and', 'or', 'unless', 'atan2'];
const KEYWORDS = [
  'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', '@', 'start()', 'end()',
  'inf', 'NaN', 'sum', 'topk', 'count_values', 'rate', 'offset 5m', '@ 10', 'by (a)', 'on (b)', 'group_left (c)',
];
const PUNCTUATION = ['(', ')', '[', ']', '{', '}', ',', ':', '=', '=~', '!~', '"', '`', "'", '#'];
const LITERALS = ['1', '-1', '0x1F', '1e3', '.5', '1.', '1_000', '5m', '1h30m', '0s', '"x"', "'y'", '`z`', 'foo', '{a="b"}', 'x[5m]', 'x[5m:1m]'];
const NUMBER_SPELLINGS = ['1.', '.1', '0x', '0xG', '1e', '1e+', '1__0', '1_', '1.2.3', '1e1e1', '00', '0X_1F', '9e999', '1.5h', '1h1.5m', '1y1y'];
const DURATION_UNITS = ['ms', 's', 'm', 'h', 'd', 'w', 'y', 'x', 'us', 'M', 'S', 'hm', ''];
/** Whole pieces that often keep an expression valid where they are inserted. */
const PIECES = [
  ' + 1', ' and foo', ' * on (a) group_left (b) bar', ' or bool 2', ' offset 5m', ' offset -1h', ' @ 100',
  ' @ start()', '[5m]', '[5m:]', '[1h:30s]', ' by (job)', ' without ()', '-', '+', '(', ')', ' ^ 2', ' > bool 0',
  ' unless ignoring (x) y', ' atan2 3', ' % 0x10', ' offset 1y2w3d', ' @ 1e3', '[1.5m]', '[90]', ' # comment\n',
];
/** Words that are keywords somewhere and ordinary names elsewhere. */
const NAME_SWAPS = [
  'sum', 'by', 'without', 'offset', 'on', 'ignoring', 'bool', 'atan2', 'start', 'end', 'and', 'or', 'unless',
  'group_left', 'inf', 'NaN', 'count_values', 'limitk', 'rate', 'foo:bar', ':x', '_', 'a1', 'ünï',
];
const STRING_SPELLINGS = [
  '"a\\qb"', '"\\x80"', '"\\u00e9"', '"\\U0001F600"', '"\\777"', '"\\400"', '`raw\\q`', '"é"', "'it''s'",
  '"\\"', '""', "''", '"\\ud800"', '"\\uD800"', '"tab\there"', '"\\xZZ"', '"a\\"b"',
];
const MATCH_OPERATORS = ['=', '!=', '=~', '!~', '==', '~', '!'];
const CLOSERS = new Set([')', ']', '}']);
const DURATION = /^(\d+(?:\.\d*)?)([a-zA-Z]+)$/;

type InsertSource = 'operator' | 'keyword' | 'punctuation' | 'literal' | 'piece';
type EditKind =
  | 'delete' | 'duplicate' | 'swap' | 'dropCloser' | 'changeUnit' | 'respellNumber' | 'renameWord' | 'respellString'
  | 'changeMatchOperator';

type Mutation =
  | { kind: EditKind; at: number; pick: number }
  | { kind: 'insert'; at: number; pick: number; from: InsertSource };

const EDIT_KINDS: EditKind[] = [
  'delete', 'duplicate', 'swap', 'dropCloser', 'changeUnit', 'respellNumber', 'renameWord', 'respellString', 'changeMatchOperator',
];
const INSERT_SOURCES: InsertSource[] = ['operator', 'keyword', 'punctuation', 'literal', 'piece'];

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom(...EDIT_KINDS), at: fc.nat(), pick: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), pick: fc.nat(), from: fc.constantFrom(...INSERT_SOURCES) }),
);

const INSERTED: Record<InsertSource, readonly string[]> = {
  operator: BINARY_OPERATORS,
  keyword: KEYWORDS,
  punctuation: PUNCTUATION,
  literal: LITERALS,
  piece: PIECES,
};

/** Replaces one of the tokens that `select` picks; false when there is none. */
function replaceOne(tokens: string[], select: (token: string) => boolean, at: number, by: (token: string) => string): boolean {
  const candidates = solidIndices(tokens, select);
  if (candidates.length === 0) return false;
  const index = choose(candidates, at);
  tokens[index] = by(tokens[index]!);
  return true;
}

function choose<T>(items: readonly T[], pick: number): T {
  return items[pick % items.length]!;
}

/** Indices of tokens that are not whitespace, optionally filtered. */
function solidIndices(tokens: readonly string[], keep: (token: string) => boolean = () => true): number[] {
  const out: number[] = [];
  tokens.forEach((t, i) => {
    if (!/^\s/.test(t) && keep(t)) out.push(i);
  });
  return out;
}

/** Applies one mutation; returns the text unchanged when it has nothing to act on. */
function mutate(text: string, mutation: Mutation): string {
  const tokens = roughTokens(text);
  const solid = solidIndices(tokens);
  if (solid.length === 0) return text;
  const target = choose(solid, mutation.at);
  switch (mutation.kind) {
    case 'delete':
      tokens.splice(target, 1);
      break;
    case 'duplicate':
      tokens.splice(target, 0, tokens[target]!);
      break;
    case 'swap': {
      const position = solid.indexOf(target);
      const next = solid[position + 1];
      if (next === undefined) return text;
      [tokens[target], tokens[next]] = [tokens[next]!, tokens[target]!];
      break;
    }
    case 'dropCloser': {
      const closers = solidIndices(tokens, (t) => CLOSERS.has(t));
      if (closers.length === 0) return text;
      tokens.splice(choose(closers, mutation.at), 1);
      break;
    }
    case 'changeUnit': {
      const changed = (t: string) => DURATION.exec(t)![1]! + choose(DURATION_UNITS, mutation.pick);
      if (!replaceOne(tokens, (t) => DURATION.test(t), mutation.at, changed)) return text;
      break;
    }
    case 'respellNumber':
      if (!replaceOne(tokens, (t) => /^[\d.]/.test(t), mutation.at, () => choose(NUMBER_SPELLINGS, mutation.pick))) return text;
      break;
    case 'renameWord':
      if (!replaceOne(tokens, (t) => /^[a-zA-Z_:]/.test(t), mutation.at, () => choose(NAME_SWAPS, mutation.pick))) return text;
      break;
    case 'respellString':
      if (!replaceOne(tokens, (t) => /^["'`]/.test(t), mutation.at, () => choose(STRING_SPELLINGS, mutation.pick))) return text;
      break;
    case 'changeMatchOperator': {
      const isMatchOperator = (t: string) => MATCH_OPERATORS.includes(t);
      if (!replaceOne(tokens, isMatchOperator, mutation.at, () => choose(MATCH_OPERATORS, mutation.pick))) return text;
      break;
    }
    case 'insert': {
      const spaced = mutation.pick % 3 !== 0;
      const word = choose(INSERTED[mutation.from], mutation.pick);
      tokens.splice(target + (mutation.at % 2), 0, spaced ? ` ${word} ` : word);
      break;
    }
  }
  return tokens.join('');
}

/**
 * `count` variants of `sources`, each one to three mutations away from a source, the same for the
 * same seed. Variants equal to their source are left out.
 */
export function mutatedVariants(sources: readonly string[], count: number, seed: number): string[] {
  const plan = fc.tuple(fc.nat({ max: sources.length - 1 }), fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }));
  const variants: string[] = [];
  for (const [index, mutations] of fc.sample(plan, { seed, numRuns: count })) {
    const source = sources[index]!;
    const variant = mutations.reduce(mutate, source);
    if (variant !== source) variants.push(variant);
  }
  return variants;
}
