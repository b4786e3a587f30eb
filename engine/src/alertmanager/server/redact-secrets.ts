/**
 * The configuration text as GET /api/v2/status shows it (`config.original`): without Klaxon's own
 * keys, and with the value of every secret field (passwords, tokens, API keys, secret URLs)
 * replaced by `<secret>`, as Alertmanager shows them. `<secret>` is what Alertmanager's own
 * parser accepts in those fields, so amtool can re-parse the text. The rest of the text is kept
 * as written when nothing needed hiding; otherwise the document is re-serialised.
 *
 * Alertmanager re-serialises the whole configuration with its defaults filled in; Klaxon shows
 * the user's own text, which amtool reads the same way.
 */
import { Document, isAlias, isMap, isScalar, isSeq, parseDocument, Scalar, type Node, type Pair } from 'yaml';
import { exportAlertmanagerConfig } from '../config/export-config.js';
import { GLOBAL_SCHEMA } from '../config/global-config.js';
import { INTEGRATIONS } from '../config/integrations/index.js';
import type { FieldKind, StructSchema } from '../config/schema.js';

export const SECRET_TOKEN = '<secret>';

const RECEIVER: StructSchema = {
  what: 'a receiver',
  fields: Object.fromEntries([...INTEGRATIONS].map(([key, spec]) => [key, { list: () => spec.schema }])),
};

const ROOT: StructSchema = {
  what: 'the configuration',
  fields: { global: { struct: () => GLOBAL_SCHEMA }, receivers: { list: () => RECEIVER } },
};

/** The text for `config.original`. */
export function shownConfig(text: string): string {
  const exported = exportAlertmanagerConfig(text);
  const doc = parseDocument(exported);
  if (doc.errors.length > 0) return exported;
  const redactor = new Redactor(doc);
  redactor.struct(doc.contents, ROOT);
  return redactor.changed ? doc.toString({ lineWidth: 0 }) : exported;
}

class Redactor {
  changed = false;

  constructor(private readonly doc: Document) {}

  struct(node: unknown, schema: StructSchema): void {
    const map = this.resolve(node);
    if (!isMap(map)) return;
    for (const pair of map.items as Pair<unknown, unknown>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === '<<') {
        // A merge key brings in fields from anchored mappings.
        const sources = this.resolve(pair.value);
        for (const source of isSeq(sources) ? sources.items : [sources]) this.struct(source, schema);
        continue;
      }
      const kind = key === undefined ? undefined : schema.fields[key];
      if (kind !== undefined) this.field(pair, kind);
    }
  }

  private field(pair: Pair<unknown, unknown>, kind: FieldKind): void {
    if (kind === 'secret' || kind === 'secretUrl') {
      pair.value = this.hidden(pair.value);
      return;
    }
    if (kind === 'secretLists') {
      const map = this.resolve(pair.value);
      if (!isMap(map)) return;
      for (const entry of map.items as Pair<unknown, unknown>[]) {
        const values = this.resolve(entry.value);
        if (isSeq(values)) values.items = values.items.map((item) => this.hidden(item));
      }
      return;
    }
    if (typeof kind !== 'object') return;
    if ('struct' in kind) {
      this.struct(pair.value, kind.struct());
      return;
    }
    const list = this.resolve(pair.value);
    if (isSeq(list)) for (const item of list.items) this.struct(item, kind.list());
  }

  /** The node to show instead of a secret value; empty values stay as they are. */
  private hidden(value: unknown): unknown {
    if (isScalar(value)) {
      if (value.value === null || value.value === '' || value.value === SECRET_TOKEN) return value;
      // Changed in place, so that aliases of an anchored secret show the token too.
      value.value = SECRET_TOKEN;
      value.type = Scalar.PLAIN;
      this.changed = true;
      return value;
    }
    if (value === null || value === undefined) return value;
    this.changed = true;
    return new Scalar(SECRET_TOKEN);
  }

  private resolve(node: unknown): unknown {
    return isAlias(node) ? (node.resolve(this.doc) as Node | undefined) : node;
  }
}
