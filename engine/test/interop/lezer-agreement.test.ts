/**
 * Klaxon's parser against Prometheus's own Lezer grammar (@prometheus-io/lezer-promql, Prometheus
 * 3.5): on every expression of Prometheus's promqltest scripts, on hand-written syntax corners and
 * on thousands of deterministic mutations of both, the two must accept or reject alike.
 *
 * Lezer's grammar is a second, looser implementation of the authoritative Go parser: it makes none
 * of the checks Go's parser makes while building its tree, and its tokens differ from Go's lexer in
 * a few places. Every such known difference is a class below, with its reason; any disagreement no
 * class explains fails the test.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mutatedVariants } from './expression-mutator.js';
import { readPeerExpressions } from './peer-expressions.js';
import { SYNTAX_EDGE_CASES } from './syntax-edge-cases.js';
import { describeVerdicts, klaxonVerdict, lezerVerdict, type KlaxonVerdict, type LezerVerdict } from './verdicts.js';

const VARIANT_COUNT = 6000;
const SEED = 20_250_305;

interface Disagreement {
  text: string;
  klaxon: KlaxonVerdict;
  lezer: LezerVerdict;
}

interface KnownDisagreement {
  name: string;
  reason: string;
  /** `others` are the remaining classes, for a disagreement that has more than one cause. */
  recognises(d: Disagreement, others: readonly KnownDisagreement[]): boolean;
}

/** The first class that recognises `d`. */
function explain(d: Disagreement, classes: readonly KnownDisagreement[]): KnownDisagreement | undefined {
  return classes.find((c) => c.recognises(d, classes.filter((other) => other !== c)));
}

/** Messages of checks that Go's lexer and parser make and Lezer's grammar does not. */
const CHECKS = {
  parseTime: [
    /^ranges only allowed for vector selectors$/,
    /^no (offset|@) modifiers allowed before range$/,
    /^(offset|@) modifier must be preceded by an instant vector selector or range vector selector or a subquery$/,
    /^offset may not be set multiple times$/,
    /^@ <timestamp> may not be set multiple times$/,
    /^duration must be greater than 0$/,
    /^duration out of range$/,
    /^timestamp out of bounds for @ modifier: /,
    /^no arguments for aggregate expression provided$/,
    /^wrong number of arguments for aggregate expression provided, /,
    /^vector selector must contain at least one non-empty matcher$/,
    /^metric name must not be set twice: /,
    /^error parsing number: .*: value out of range$/,
    /^invalid label name for grouping: /,
    /^error parsing regexp: /,
    /^(division|modulo) by zero$/,
  ],
  stringLiteral: [
    /^unterminated quoted string$/,
    /^unknown escape sequence /,
    /^illegal character .* in escape sequence$/,
    /^escape sequence is an invalid Unicode code point$/,
    /^escape sequence not terminated$/,
    /^invalid UTF-8 rune$/,
  ],
  nesting: [/^expression nesting too deep /],
};
const ALL_CHECKS = Object.values(CHECKS).flat();

/** Lezer accepts; Klaxon rejects only for checks, the first of them one of `own`. */
function rejectedOnlyByChecks(own: readonly RegExp[]): KnownDisagreement['recognises'] {
  const matchesAny = (patterns: readonly RegExp[], message: string) => patterns.some((p) => p.test(message));
  return ({ klaxon, lezer }) =>
    lezer.accepted &&
    !klaxon.accepted &&
    matchesAny(own, klaxon.errors[0]!.message) &&
    klaxon.errors.every((e) => matchesAny(ALL_CHECKS, e.message));
}

/**
 * The disagreement is about what `repair` rewrites: on one of the rewritten texts both parsers
 * accept, or disagree only for another known reason.
 */
function vanishesWhen(repair: (text: string) => string | string[]): KnownDisagreement['recognises'] {
  return (d, others) =>
    [repair(d.text)].flat().some((text) => {
      if (text === d.text) return false;
      const klaxon = klaxonVerdict(text);
      const lezer = lezerVerdict(text);
      if (klaxon.accepted === lezer.accepted) return klaxon.accepted;
      return explain({ text, klaxon, lezer }, others) !== undefined;
    });
}

/** Whitespace and comments. */
const GAP = String.raw`(?:\s|#[^\n]*)*`;

/**
 * `word` renamed where an operand must stand (at the start, after `(`, `,`, a binary operator or its
 * modifiers), and, as other candidates, each single occurrence of `word` renamed.
 */
function renamedAsOperand(word: string, replacement: string): (text: string) => string[] {
  const before = String.raw`^|[(,+\-*/%^=<>]|\b(?:and|or|unless|atan2|bool|group_left|group_right)|\b(?:on|ignoring|group_left|group_right)\s*\([^)]*\)`;
  const asOperand = new RegExp(String.raw`(${before})(${GAP})${word}\b`, 'gi');
  const anywhere = new RegExp(String.raw`\b${word}\b`, 'gi');
  return (text) => [
    text.replace(asOperand, `$1$2${replacement}`),
    ...[...text.matchAll(anywhere)].map((m) => text.slice(0, m.index) + replacement + text.slice(m.index + word.length)),
  ];
}

/** Replaces each run of signs before a duration by the one sign (or none) it amounts to. */
function foldSignRuns(text: string): string {
  const run = new RegExp(String.raw`(?<=(?:\[|:|\boffset)${GAP})[-+](?:${GAP}[-+])+`, 'gi');
  return text.replace(run, (signs) => ((signs.match(/-/g)?.length ?? 0) % 2 ? '-' : ' '));
}

const KNOWN_DISAGREEMENTS: readonly KnownDisagreement[] = [
  {
    name: 'parse-time checks',
    reason:
      "Go's parser checks the tree it builds (modifier placement, positive ranges, aggregate arity, selector matchers, number range, regexes); Lezer's grammar checks syntax only.",
    recognises: rejectedOnlyByChecks(CHECKS.parseTime),
  },
  {
    name: 'string literal checks',
    reason: "Lezer's string token takes any backslash escape and tolerates a missing closing quote; Go's lexer rejects both.",
    recognises: rejectedOnlyByChecks(CHECKS.stringLiteral),
  },
  {
    name: 'nesting limit',
    reason: 'Klaxon limits nesting so that no input can exhaust the stack; neither Prometheus parser has such a limit.',
    recognises: rejectedOnlyByChecks(CHECKS.nesting),
  },
  {
    name: 'atan2 as a name',
    reason: "Lezer reads `atan2` as an identifier where no operator fits; Go's lexer makes it a keyword that no metric name may be.",
    recognises: vanishesWhen(renamedAsOperand('atan2', 'atan_2')),
  },
  {
    name: 'grouping label words',
    reason:
      "In `by (...)` and `on (...)` Lezer's label token takes `without`, `inf` and `nan` but no colon; Go's grouping labels are the other way round.",
    recognises: vanishesWhen((text) =>
      text.replace(/(?<=[(,]\s*)(without|inf|nan|[\w:]*:[\w:]*)(?=\s*(?:#[^\n]*\n\s*)*[,)])/gi, '"$1"'),
    ),
  },
  {
    name: 'number glued to a keyword',
    reason: "Lezer splits `1or` into a number and `or`; Go's lexer requires a number or duration to end before a letter.",
    recognises: vanishesWhen((text) => text.replace(/(?<=\b[\d.][\w.]*)(and|or|unless|atan2|offset|bool)\b/gi, ' $1')),
  },
  {
    name: 'comment inside brackets',
    reason: "Lezer skips `#` comments everywhere; Go's lexer has no comments inside `[...]`.",
    recognises: vanishesWhen((text) => text.replace(/\[[^\]]*\]/g, (brackets) => brackets.replace(/#[^\n]*/g, ''))),
  },
  {
    name: 'Inf and NaN in brackets',
    reason: "Lezer's range and step literals may be `Inf` or `NaN`; Go's lexer takes no words inside `[...]`.",
    recognises: vanishesWhen((text) => text.replace(/\[[^\]]*\]/g, (brackets) => brackets.replace(/\b(?:inf|nan)\b/gi, '1'))),
  },
  {
    name: 'Go number spellings',
    reason: "Lezer's number token lacks spellings Go's lexer accepts: a trailing point (`1.`), `0X` and `_` in hexadecimal (`0X_1F`).",
    recognises: vanishesWhen((text) =>
      text
        .replace(/(?<=\d)\.(?![\d.])/g, '.0')
        .replace(/\b0[xX]_?[\da-fA-F_]+/g, (hex) => `0x${hex.slice(2).replace(/_/g, '')}`),
    ),
  },
  {
    name: 'offset as a metric name',
    reason: "Go's grammar lets `offset` name a metric where no modifier can follow; Lezer always reads it as the keyword.",
    recognises: vanishesWhen(renamedAsOperand('offset', 'offset_')),
  },
  {
    name: 'signs before a duration',
    reason: "Lezer takes one sign before a range, step or offset; Go's duration rules fold any run of signs into the number.",
    recognises: vanishesWhen(foldSignRuns),
  },
  {
    name: 'duration expressions',
    reason:
      'Prometheus 3.5 has experimental duration arithmetic (`x[5m + 1m]`, behind a feature flag), which Klaxon accepts with a warning; Lezer 0.305 lacks it.',
    recognises: ({ klaxon, lezer }) =>
      klaxon.accepted && !lezer.accepted && klaxon.notes.some((n) => n.message.startsWith('duration expressions are experimental')),
  },
];

interface Tally {
  checked: number;
  bothAccept: number;
  bothReject: number;
  byClass: Map<string, number>;
  unexplained: string[];
}

function compareAll(texts: readonly string[]): Tally {
  const tally: Tally = { checked: 0, bothAccept: 0, bothReject: 0, byClass: new Map(), unexplained: [] };
  for (const text of new Set(texts)) {
    tally.checked++;
    const klaxon = klaxonVerdict(text);
    const lezer = lezerVerdict(text);
    if (klaxon.accepted === lezer.accepted) {
      if (klaxon.accepted) tally.bothAccept++;
      else tally.bothReject++;
      continue;
    }
    const known = explain({ text, klaxon, lezer }, KNOWN_DISAGREEMENTS);
    if (known) tally.byClass.set(known.name, (tally.byClass.get(known.name) ?? 0) + 1);
    else tally.unexplained.push(describeVerdicts(text, klaxon, lezer));
  }
  return tally;
}

function summary(title: string, tally: Tally): string {
  const lines = [
    `${title}: ${tally.checked} expressions checked, ${tally.bothAccept + tally.bothReject} agreements ` +
      `(${tally.bothAccept} accepted by both, ${tally.bothReject} rejected by both)`,
  ];
  for (const c of KNOWN_DISAGREEMENTS) lines.push(`  ${String(tally.byClass.get(c.name) ?? 0).padStart(5)}  ${c.name}`);
  lines.push(`  ${String(tally.unexplained.length).padStart(5)}  unexplained`);
  return lines.join('\n');
}

describe("Klaxon's parser agrees with Prometheus's Lezer grammar", () => {
  let peerCount = 0;
  let peer: Tally;
  let corners: Tally;
  let variants: Tally;

  beforeAll(() => {
    const expressions = readPeerExpressions();
    peerCount = expressions.length;
    const mutated = mutatedVariants([...expressions, ...SYNTAX_EDGE_CASES], VARIANT_COUNT, SEED);
    peer = compareAll(expressions);
    corners = compareAll(SYNTAX_EDGE_CASES);
    variants = compareAll(mutated);
    console.log(
      [
        summary("Prometheus's promqltest expressions", peer),
        summary('Syntax corners', corners),
        summary(`${mutated.length} mutated variants`, variants),
      ].join('\n'),
    );
  });

  it("reads the eval expressions of Prometheus's promqltest scripts", () => {
    expect(peerCount).toBeGreaterThan(1000);
  });

  it('on every expression of the scripts', () => {
    expect(peer.unexplained).toEqual([]);
    expect(peer.bothAccept).toBeGreaterThan(900);
  });

  it('on hand-written syntax corners', () => {
    expect(corners.unexplained).toEqual([]);
    expect(corners.bothReject).toBeGreaterThan(20);
  });

  it(`on ${VARIANT_COUNT} mutated variants`, () => {
    expect(variants.checked).toBeGreaterThan(VARIANT_COUNT * 0.8);
    expect(variants.unexplained).toEqual([]);
    expect(variants.bothAccept).toBeGreaterThan(100);
    expect(variants.bothReject).toBeGreaterThan(1000);
  });

  it('lists no disagreement class that never occurs', () => {
    const occurring = new Set([peer, corners, variants].flatMap((t) => [...t.byClass.keys()]));
    expect(KNOWN_DISAGREEMENTS.map((c) => c.name).filter((name) => !occurring.has(name))).toEqual([]);
  });
});
