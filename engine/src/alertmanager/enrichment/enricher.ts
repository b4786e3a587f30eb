/**
 * The enrichment stage at ingest: each rule whose matchers match an alert adds annotations (and
 * labels) that the alert does not have yet, from templates over the alert and, when the rule
 * names a lookup table, the table's row for the alert's key label. Rules apply in order, so a
 * later rule sees what earlier ones added. What was added is returned for the alert's history.
 */
import type { Matcher } from '../../labels/matcher.js';
import { executeTemplate, parseTemplate, prometheusFunctions, stringMap, type ParsedTemplate } from '../../template/expand.js';
import type { EnrichmentRule } from '../config/types.js';
import type { Alert, Annotations } from '../model.js';
import type { LookupRow, LookupTable } from './lookup-table.js';

export interface Enrichment {
  alert: Alert;
  added: { labels: Record<string, string>; annotations: Record<string, string> };
  /** Templates that failed for this alert; what they would have added is left out. */
  errors: string[];
}

interface CompiledRule {
  matchers: readonly Matcher[];
  annotations: [string, ParsedTemplate][];
  labels: [string, ParsedTemplate][];
  lookup?: { table: LookupTable; key: string };
}

export interface EnricherOptions {
  /** Tables by the file name the rules give. */
  tables?: ReadonlyMap<string, LookupTable>;
  externalURL?: string;
}

export class Enricher {
  private readonly rules: CompiledRule[];
  /** Template syntax errors and missing tables, one line each; rules with them are left out. */
  readonly problems: string[] = [];

  constructor(rules: readonly EnrichmentRule[], private readonly options: EnricherOptions = {}) {
    this.rules = rules.flatMap((rule, index) => this.compile(rule, index) ?? []);
  }

  get empty(): boolean {
    return this.rules.length === 0;
  }

  enrich(alert: Alert, now: number): Enrichment {
    const added = { labels: {} as Record<string, string>, annotations: {} as Record<string, string> };
    const errors: string[] = [];
    let labels = alert.labels;
    let annotations: Record<string, string> | undefined;
    for (const rule of this.rules) {
      if (!rule.matchers.every((m) => m.matches(labels.get(m.name)))) continue;
      let row: LookupRow | undefined;
      if (rule.lookup) {
        row = rule.lookup.table.rows.get(labels.get(rule.lookup.key));
        if (!row) continue;
      }
      const current = annotations ?? alert.annotations;
      const data = { Labels: stringMap(labels.toObject()), Annotations: stringMap({ ...current }), Row: stringMap({ ...row }), ExternalURL: this.options.externalURL ?? '' };
      const functions = prometheusFunctions({ timeMs: now, externalURL: this.options.externalURL ?? '' });
      const expand = (name: string, template: ParsedTemplate): string | undefined => {
        try {
          return executeTemplate(template, data, functions, { missingKey: 'zero' });
        } catch (e) {
          errors.push(`enrichment of ${name}: ${(e as Error).message}`);
          return undefined;
        }
      };
      for (const [name, template] of rule.annotations) {
        if ((current[name] ?? '') !== '') continue;
        const value = expand(`annotation "${name}"`, template);
        if (value === undefined) continue;
        annotations = { ...(annotations ?? alert.annotations), [name]: value };
        added.annotations[name] = value;
      }
      for (const [name, template] of rule.labels) {
        if (labels.get(name) !== '') continue;
        const value = expand(`label "${name}"`, template);
        if (value === undefined || value === '') continue;
        labels = labels.with(name, value);
        added.labels[name] = value;
      }
    }
    const changed = annotations !== undefined || labels !== alert.labels;
    return { alert: changed ? { ...alert, labels, annotations: (annotations ?? alert.annotations) as Annotations } : alert, added, errors };
  }

  private compile(rule: EnrichmentRule, index: number): CompiledRule | undefined {
    const where = `enrichment rule ${index + 1}`;
    let lookup: CompiledRule['lookup'];
    if (rule.lookup) {
      const table = this.options.tables?.get(rule.lookup.file);
      if (!table) {
        this.problems.push(`${where}: lookup table ${rule.lookup.file} was not loaded`);
        return undefined;
      }
      lookup = { table, key: rule.lookup.key };
    }
    const parseAll = (entries: Readonly<Record<string, string>>, kind: string): [string, ParsedTemplate][] | undefined => {
      const out: [string, ParsedTemplate][] = [];
      for (const [name, text] of Object.entries(entries)) {
        const parsed = parseTemplate(text, `${kind} ${name}`, { functions: ENRICHMENT_FUNCTION_NAMES });
        if (!parsed.template) {
          this.problems.push(`${where}: ${parsed.problems[0]?.message ?? 'template does not parse'}`);
          return undefined;
        }
        out.push([name, parsed.template]);
      }
      return out;
    };
    const annotations = parseAll(rule.annotations, 'annotation');
    const labels = parseAll(rule.labels, 'label');
    if (!annotations || !labels) return undefined;
    return { matchers: rule.matchers, annotations, labels, lookup };
  }
}

const ENRICHMENT_FUNCTION_NAMES = Object.keys(prometheusFunctions({ timeMs: 0, externalURL: '' }));

