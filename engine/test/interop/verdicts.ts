/**
 * Whether Prometheus's Lezer grammar and Klaxon's parser accept a text, and why not.
 */
import { parser } from '@prometheus-io/lezer-promql';
import type { Problem } from '../../src/errors.js';
import { parseExpr } from '../../src/promql/parse.js';

export interface LezerVerdict {
  accepted: boolean;
  /** Offset of the first error node, when rejected. */
  errorAt?: number;
}

/** Lezer always builds a tree; error recovery marks what it could not parse with error nodes. */
export function lezerVerdict(text: string): LezerVerdict {
  let errorAt: number | undefined;
  parser.parse(text).iterate({
    enter(node) {
      if (errorAt !== undefined) return false;
      if (node.type.isError) errorAt = node.from;
      return undefined;
    },
  });
  return errorAt === undefined ? { accepted: true } : { accepted: false, errorAt };
}

export interface KlaxonVerdict {
  accepted: boolean;
  /** The errors of `parseExpr` (syntax and parse-time checks, no type checking). */
  errors: Problem[];
  /** Warnings and notes, e.g. that an experimental feature was used. */
  notes: Problem[];
}

export function klaxonVerdict(text: string): KlaxonVerdict {
  const { problems } = parseExpr(text);
  const errors = problems.filter((p) => p.severity === 'error');
  const notes = problems.filter((p) => p.severity !== 'error');
  return { accepted: errors.length === 0, errors, notes };
}

export function describeVerdicts(text: string, klaxon: KlaxonVerdict, lezer: LezerVerdict): string {
  const klaxonSays = klaxon.accepted ? 'accepts' : `rejects: ${klaxon.errors.map((p) => p.message).join(' | ')}`;
  const lezerSays = lezer.accepted ? 'accepts' : `rejects at offset ${lezer.errorAt}`;
  return `${JSON.stringify(text)}\n    Klaxon ${klaxonSays}\n    Lezer  ${lezerSays}`;
}
