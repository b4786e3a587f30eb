/** label_replace and label_join: rewriting one label of every sample. */
import type { RE2JS } from 're2js';
import type { Labels } from '../../../labels/labels.js';
import { compileAnchored, RegexSyntaxError } from '../../../labels/matcher.js';
import { EvalError, type FunctionContext, type FunctionImpl, type InstantVector, type Sample } from '../values.js';
import { argRange, METRIC_NAME, stringArg, vectorArg } from './args.js';
import { expandTemplate } from './regexp-expand.js';

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Prometheus's UTF-8 label name rule: any non-empty valid UTF-8 text. */
export function isValidLabelName(name: string): boolean {
  return name !== '' && !LONE_SURROGATE.test(name);
}

/** The sample with `dst` set to `value`; setting the metric name keeps it past delayed name removal. */
function relabelled(sample: Sample, labels: Labels, dst: string, t: number): Sample {
  return { labels, t, v: sample.v, dropName: dst === METRIC_NAME ? false : sample.dropName === true };
}

function assertDistinctLabelSets(out: InstantVector, ctx: FunctionContext): InstantVector {
  const seen = new Set<string>();
  for (const s of out) {
    const key = s.labels.key();
    if (seen.has(key)) throw new EvalError('vector cannot contain metrics with the same labelset', ctx.call.range);
    seen.add(key);
  }
  return out;
}

function compileRegex(pattern: string, ctx: FunctionContext): RE2JS {
  try {
    return compileAnchored(pattern);
  } catch (e) {
    if (e instanceof RegexSyntaxError) {
      throw new EvalError(`invalid regular expression in label_replace(): ${pattern}`, argRange(ctx, 4));
    }
    throw e;
  }
}

/**
 * label_replace(v, dst, replacement, src, regex): where `regex` matches all of the `src` value,
 * sets `dst` to the expanded replacement (an empty result removes the label).
 */
export const labelReplace: FunctionImpl = (args, ctx) => {
  const dst = stringArg(args, 1);
  const replacement = stringArg(args, 2);
  const src = stringArg(args, 3);
  const regex = compileRegex(stringArg(args, 4), ctx);
  if (!isValidLabelName(dst)) {
    throw new EvalError(`invalid destination label name in label_replace(): ${dst}`, argRange(ctx, 1));
  }
  const namedGroups = regex.namedGroups();
  const t = ctx.evalTimeMs;
  const call = JSON.stringify([dst, replacement, src, stringArg(args, 4)]);
  const out = vectorArg(args, 0).map((s) => {
    let known = replacedLabels.get(s.labels);
    if (known?.call !== call) {
      const matcher = regex.matcher(s.labels.get(src));
      const labels = matcher.matches() ? s.labels.with(dst, expandTemplate(replacement, matcher, namedGroups)) : undefined;
      replacedLabels.set(s.labels, (known = { call, labels }));
    }
    if (!known.labels) return { labels: s.labels, t, v: s.v, dropName: s.dropName === true };
    return relabelled(s, known.labels, dst, t);
  });
  return assertDistinctLabelSets(out, ctx);
};

/**
 * The last label_replace result for each label set: the labels it replaced them with (undefined
 * when the regex did not match) under the arguments of `call`. Step after step the same label
 * sets come in, and get the same Labels object back.
 */
const replacedLabels = new WeakMap<Labels, { call: string; labels: Labels | undefined }>();

/** label_join(v, dst, separator, src...): sets `dst` to the `src` values joined by `separator`. */
export const labelJoin: FunctionImpl = (args, ctx) => {
  const dst = stringArg(args, 1);
  const separator = stringArg(args, 2);
  const sources: string[] = [];
  for (let i = 3; i < args.length; i++) {
    const src = stringArg(args, i);
    if (!isValidLabelName(src)) {
      throw new EvalError(`invalid source label name in label_join(): ${src}`, argRange(ctx, i));
    }
    sources.push(src);
  }
  if (!isValidLabelName(dst)) {
    throw new EvalError(`invalid destination label name in label_join(): ${dst}`, argRange(ctx, 1));
  }
  const t = ctx.evalTimeMs;
  const out = vectorArg(args, 0).map((s) => {
    const joined = sources.map((src) => s.labels.get(src)).join(separator);
    return relabelled(s, s.labels.with(dst, joined), dst, t);
  });
  return assertDistinctLabelSets(out, ctx);
};
