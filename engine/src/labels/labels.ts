import { goQuote } from '../text/go-quote.js';

export { goQuote };

/**
 * Separates names and values in label-set keys: a lone low surrogate, which no well-formed string
 * (text read from UTF-8, or JSON that was checked) contains, so that no value can forge a separator.
 */
export const LABEL_KEY_SEPARATOR = '\udfff';

/** A set of label name/value pairs, kept sorted by name, as Prometheus's labels.Labels. Immutable. */
export class Labels {
  private cachedKey: string | undefined;

  private constructor(
    readonly names: readonly string[],
    readonly values: readonly string[],
  ) {}

  static readonly EMPTY = new Labels([], []);

  /** Builds from an object or pair list; empty values are dropped, as Prometheus does. */
  static from(source: Record<string, string> | Iterable<readonly [string, string]>): Labels {
    const pairs = (Symbol.iterator in Object(source)
      ? [...(source as Iterable<readonly [string, string]>)]
      : Object.entries(source as Record<string, string>)
    ).filter(([, v]) => v !== '');
    pairs.sort((a, b) => compareStrings(a[0], b[0]));
    return new Labels(pairs.map((p) => p[0]), pairs.map((p) => p[1]));
  }

  /** Trusted constructor for already sorted, de-duplicated, non-empty pairs. */
  static fromSorted(names: readonly string[], values: readonly string[]): Labels {
    return new Labels(names, values);
  }

  get size(): number {
    return this.names.length;
  }

  get(name: string): string {
    const i = this.indexOf(name);
    return i < 0 ? '' : this.values[i]!;
  }

  has(name: string): boolean {
    return this.indexOf(name) >= 0;
  }

  private indexOf(name: string): number {
    let lo = 0;
    let hi = this.names.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const n = this.names[mid]!;
      if (n === name) return mid;
      if (n < name) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Returns a copy with `name` set (or removed when `value` is empty). */
  with(name: string, value: string): Labels {
    const names: string[] = [];
    const values: string[] = [];
    let placed = value === '';
    for (let i = 0; i < this.names.length; i++) {
      const n = this.names[i]!;
      if (!placed && name < n) {
        names.push(name);
        values.push(value);
        placed = true;
      }
      if (n === name) {
        if (!placed) {
          names.push(name);
          values.push(value);
          placed = true;
        }
        continue;
      }
      names.push(n);
      values.push(this.values[i]!);
    }
    if (!placed) {
      names.push(name);
      values.push(value);
    }
    return new Labels(names, values);
  }

  /** Returns a copy without the given label names. */
  without(drop: ReadonlySet<string> | readonly string[]): Labels {
    const set = drop instanceof Set ? drop : new Set(drop as readonly string[]);
    return this.filter((n) => !set.has(n));
  }

  /** Returns a copy with only the given label names. */
  keepOnly(keep: ReadonlySet<string> | readonly string[]): Labels {
    const set = keep instanceof Set ? keep : new Set(keep as readonly string[]);
    return this.filter((n) => set.has(n));
  }

  filter(pred: (name: string, value: string) => boolean): Labels {
    const names: string[] = [];
    const values: string[] = [];
    for (let i = 0; i < this.names.length; i++) {
      if (pred(this.names[i]!, this.values[i]!)) {
        names.push(this.names[i]!);
        values.push(this.values[i]!);
      }
    }
    return names.length === this.names.length ? this : new Labels(names, values);
  }

  /** A string that is equal for equal label sets, usable as a map key. */
  key(): string {
    if (this.cachedKey === undefined) {
      let k = '';
      for (let i = 0; i < this.names.length; i++) k += this.names[i] + LABEL_KEY_SEPARATOR + this.values[i] + LABEL_KEY_SEPARATOR;
      this.cachedKey = k;
    }
    return this.cachedKey;
  }

  equals(other: Labels): boolean {
    if (this === other) return true;
    if (this.names.length !== other.names.length) return false;
    for (let i = 0; i < this.names.length; i++) {
      if (this.names[i] !== other.names[i] || this.values[i] !== other.values[i]) return false;
    }
    return true;
  }

  toObject(): Record<string, string> {
    const o: Record<string, string> = {};
    for (let i = 0; i < this.names.length; i++) o[this.names[i]!] = this.values[i]!;
    return o;
  }

  *[Symbol.iterator](): IterableIterator<[string, string]> {
    for (let i = 0; i < this.names.length; i++) yield [this.names[i]!, this.values[i]!];
  }

  /** Prometheus's labels.String(): `{a="1", b="2"}` with Go-quoted values. */
  toString(): string {
    const parts: string[] = [];
    for (let i = 0; i < this.names.length; i++) {
      parts.push(`${formatLabelName(this.names[i]!)}=${goQuote(this.values[i]!)}`);
    }
    return `{${parts.join(', ')}}`;
  }
}

/** Compares label sets as Prometheus's labels.Compare: pair by pair, then by size. */
export function compareLabels(a: Labels, b: Labels): number {
  const n = Math.min(a.size, b.size);
  for (let i = 0; i < n; i++) {
    const an = a.names[i]!;
    const bn = b.names[i]!;
    if (an !== bn) return an < bn ? -1 : 1;
    const av = a.values[i]!;
    const bv = b.values[i]!;
    if (av !== bv) return av < bv ? -1 : 1;
  }
  return a.size - b.size;
}

/** Byte-wise comparison of two strings (Go string order) for the BMP; good enough for label names. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const LEGACY_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function formatLabelName(name: string): string {
  return LEGACY_LABEL_NAME.test(name) ? name : goQuote(name);
}
