/**
 * Writes value sequences in the series notation, compressing repeats (`5x3`, `_x2`) and
 * arithmetic runs (`1+0.5x4`) where expanding them reproduces every value bit for bit.
 */
import type { Labels } from '../labels/labels.js';
import type { SeriesValue } from './notation.js';

/** Shortest runs worth compressing: `a a` stays as is, `a a a` becomes `ax2`. */
const MIN_RUN = 3;

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** A whole series line, e.g. `up{job="api"} 1x3 _ stale`. */
export function formatSeriesLine(labels: Labels, values: readonly SeriesValue[]): string {
  const text = formatSeriesValues(values);
  return text === '' ? formatSeriesLabels(labels) : `${formatSeriesLabels(labels)} ${text}`;
}

/** `name{a="b"}` when the metric name is a plain identifier, else `{__name__="...", a="b"}`. */
export function formatSeriesLabels(labels: Labels): string {
  const name = labels.get('__name__');
  if (!METRIC_NAME.test(name)) return labels.toString();
  const rest = labels.without(['__name__']);
  return rest.size === 0 ? name : `${name}${rest.toString()}`;
}

export function formatSeriesValues(values: readonly SeriesValue[]): string {
  const items: string[] = [];
  let i = 0;
  while (i < values.length) {
    const value = values[i];
    if (value === undefined) {
      const count = runLength(values, i, (v) => v === undefined);
      items.push(count === 1 ? '_' : `_x${count}`);
      i += count;
    } else if (value === 'stale') {
      items.push('stale');
      i++;
    } else {
      const { item, count } = numberRun(values, i, value);
      items.push(item);
      i += count;
    }
  }
  return items.join(' ');
}

/** The item for the numbers starting at `i`, and how many values it covers. */
function numberRun(values: readonly SeriesValue[], i: number, first: number): { item: string; count: number } {
  const repeats = runLength(values, i, (v) => typeof v === 'number' && Object.is(v, first));
  if (repeats >= MIN_RUN) {
    // `NaNx2` would read as one word, so non-finite repeats use a zero step instead.
    const item = Number.isFinite(first) ? `${formatNumber(first)}x${repeats - 1}` : `${formatNumber(first)}+0x${repeats - 1}`;
    return { item, count: repeats };
  }
  const arithmetic = arithmeticRun(values, i, first);
  if (arithmetic) return arithmetic;
  return { item: formatNumber(first), count: 1 };
}

/** `a+dxN` when the values from `i` on are `a`, `a+d`, `(a+d)+d`, ... with a finite, non-zero step. */
function arithmeticRun(values: readonly SeriesValue[], i: number, first: number): { item: string; count: number } | undefined {
  const second = values[i + 1];
  if (typeof second !== 'number' || !Number.isFinite(first)) return undefined;
  const step = second - first;
  if (!Number.isFinite(step) || step === 0) return undefined;
  let count = 1;
  let current = first;
  while (i + count < values.length && Object.is(values[i + count], current + step)) {
    current += step;
    count++;
  }
  if (count < MIN_RUN) return undefined;
  const sign = step < 0 ? '-' : '+';
  return { item: `${formatNumber(first)}${sign}${formatNumber(Math.abs(step))}x${count - 1}`, count };
}

function runLength(values: readonly SeriesValue[], i: number, same: (v: SeriesValue) => boolean): number {
  let count = 0;
  while (i + count < values.length && same(values[i + count])) count++;
  return count;
}

/** A number as the notation reads it back exactly. */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Inf';
  if (v === -Infinity) return '-Inf';
  if (Object.is(v, -0)) return '-0';
  return String(v);
}
