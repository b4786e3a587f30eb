/** A line diff of two lists of items, both shown in one sorted order. */

export interface DiffOptions<T> {
  /** The order both lists are shown in. */
  order: (a: T, b: T) => number;
  /** What pairs an expected item with a got one, e.g. equal labels. */
  key: (a: T, b: T) => number;
  /** Whether a pair is equal as a whole. */
  same: (a: T, b: T) => boolean;
  format: (item: T) => string;
}

export interface SortedDiff {
  lines: string[];
  /** Expected items without an equal one in got. */
  missing: number;
  /** Got items without an equal one expected. */
  extra: number;
}

/**
 * `- ` for items only expected, `+ ` for items only got, `  ` for items in both; a pair with
 * the same key but differing otherwise shows as `- ` then `+ `.
 */
export function diffSorted<T>(expected: readonly T[], got: readonly T[], { order, key, same, format }: DiffOptions<T>): SortedDiff {
  const [e, g] = [[...expected].sort(order), [...got].sort(order)];
  const lines: string[] = [];
  let [i, j, missing, extra] = [0, 0, 0, 0];
  const takeExpected = () => {
    lines.push(`- ${format(e[i++]!)}`);
    missing++;
  };
  const takeGot = () => {
    lines.push(`+ ${format(g[j++]!)}`);
    extra++;
  };
  while (i < e.length || j < g.length) {
    const byKey = i >= e.length ? 1 : j >= g.length ? -1 : key(e[i]!, g[j]!);
    if (byKey < 0) takeExpected();
    else if (byKey > 0) takeGot();
    else if (same(e[i]!, g[j]!)) {
      lines.push(`  ${format(e[i++]!)}`);
      j++;
    } else {
      takeExpected();
      takeGot();
    }
  }
  if (lines.length === 0) lines.push('  (none on either side)');
  return { lines, missing, extra };
}

