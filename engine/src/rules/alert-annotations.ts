/**
 * The annotations of an alert, expanded: name/value pairs sorted by name. Unlike Labels, an
 * empty value stays: Prometheus keeps an annotation whose template expands to nothing (or that
 * is empty to begin with), sends it to Alertmanager as `"name": ""`, lists it so in
 * /api/v1/alerts, and promtool's exp_annotations must then name it with an empty value.
 */
import { compareStrings } from '../labels/labels.js';

export class AlertAnnotations implements Iterable<readonly [name: string, value: string]> {
  static readonly EMPTY = new AlertAnnotations([]);

  private constructor(private readonly pairs: readonly (readonly [name: string, value: string])[]) {}

  /** Sorts the pairs by name; names are expected to be distinct. */
  static from(pairs: Iterable<readonly [name: string, value: string]>): AlertAnnotations {
    return new AlertAnnotations([...pairs].sort((a, b) => compareStrings(a[0], b[0])));
  }

  get size(): number {
    return this.pairs.length;
  }

  toObject(): Record<string, string> {
    return Object.fromEntries(this.pairs);
  }

  [Symbol.iterator](): Iterator<readonly [name: string, value: string]> {
    return this.pairs[Symbol.iterator]();
  }
}
