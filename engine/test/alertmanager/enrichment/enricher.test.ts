import { describe, expect, it } from 'vitest';
import { Enricher } from '../../../src/alertmanager/enrichment/enricher.js';
import { loadLookupTable } from '../../../src/alertmanager/enrichment/lookup-table.js';
import type { EnrichmentRule } from '../../../src/alertmanager/config/types.js';
import type { Alert } from '../../../src/alertmanager/model.js';
import { Labels } from '../../../src/labels/labels.js';
import { Matcher } from '../../../src/labels/matcher.js';

const range = { start: 0, end: 0 };
const rule = (r: Partial<EnrichmentRule>): EnrichmentRule => ({ matchers: [], annotations: {}, labels: {}, range, ...r });
const alert = (labels: Record<string, string>, annotations: Record<string, string> = {}): Alert => ({
  labels: Labels.from(labels), annotations, startsAt: 1000, endsAt: 0, generatorURL: '', updatedAt: 1000, timeout: false,
});

const services = loadLookupTable('service,team,runbook\ncheckout,payments,https://runbooks/checkout\n"search",discovery,\n', 'services.csv', 'service');

describe('loadLookupTable', () => {
  it('reads CSV rows by key', () => {
    expect(services.problems).toEqual([]);
    expect(services.rows.get('checkout')).toEqual({ service: 'checkout', team: 'payments', runbook: 'https://runbooks/checkout' });
    expect(services.rows.get('search')?.team).toBe('discovery');
  });

  it('reads YAML lists and mappings, and reports located problems', () => {
    const list = loadLookupTable('- {service: a, team: x}\n- {service: b, team: y}\n', 't.yml', 'service');
    expect([...list.rows.keys()]).toEqual(['a', 'b']);
    const map = loadLookupTable('{"a": {"team": "x"}}', 't.json', 'service');
    expect(map.rows.get('a')).toEqual({ team: 'x', service: 'a' });
    const bad = loadLookupTable('- {service: a}\n- {service: a}\n- 3\n', 't.yaml', 'service');
    expect(bad.problems.map((p) => [p.message, p.range.start])).toEqual([
      ['key "a" appears in more than one row', 17],
      ['a row must be a mapping of column to value, not "3"', 32],
    ]);
    expect(bad.problems[0]!.file).toBe('t.yaml');
  });

  it('reports CSV rows with the wrong number of fields', () => {
    const t = loadLookupTable('service,team\na,b,c\n', 's.csv', 'service');
    expect(t.problems[0]!.message).toBe('expected 2 fields as in the header, found 3');
    expect(t.rows.size).toBe(0);
  });
});

describe('Enricher', () => {
  const tables = new Map([['services.csv', services]]);

  it('adds templated annotations from the looked-up row to matching alerts only', () => {
    const enricher = new Enricher(
      [rule({ matchers: [new Matcher('service', '=~', '.+', { dotAll: false })], lookup: { file: 'services.csv', key: 'service' }, annotations: { runbook: '{{ .Row.runbook }}', owner: 'team {{ .Row.team }} ({{ .Labels.alertname }})' } })],
      { tables },
    );
    expect(enricher.problems).toEqual([]);
    const out = enricher.enrich(alert({ alertname: 'Down', service: 'checkout' }), 0);
    expect(out.alert.annotations).toEqual({ runbook: 'https://runbooks/checkout', owner: 'team payments (Down)' });
    expect(out.added.annotations).toEqual(out.alert.annotations);
    const unknown = alert({ alertname: 'Down', service: 'nope' });
    expect(enricher.enrich(unknown, 0).alert).toBe(unknown);
    const noService = alert({ alertname: 'Down' });
    expect(enricher.enrich(noService, 0).added).toEqual({ labels: {}, annotations: {} });
  });

  it('never overrides what the sender set, and lets later rules see earlier additions', () => {
    const enricher = new Enricher(
      [
        rule({ lookup: { file: 'services.csv', key: 'service' }, labels: { team: '{{ .Row.team }}' }, annotations: { runbook: '{{ .Row.runbook }}' } }),
        rule({ matchers: [new Matcher('team', '=', 'payments', { dotAll: false })], annotations: { dashboard: 'https://grafana/d/{{ .Labels.team | urlQueryEscape }}' } }),
      ],
      { tables },
    );
    const out = enricher.enrich(alert({ service: 'checkout' }, { runbook: 'mine' }), 0);
    expect(out.alert.labels.toObject()).toEqual({ service: 'checkout', team: 'payments' });
    expect(out.alert.annotations).toEqual({ runbook: 'mine', dashboard: 'https://grafana/d/payments' });
    expect(out.added).toEqual({ labels: { team: 'payments' }, annotations: { dashboard: 'https://grafana/d/payments' } });
  });

  it('reports bad templates and missing tables at construction, and failing templates per alert', () => {
    const enricher = new Enricher([
      rule({ annotations: { a: '{{ .Labels.x ' } }),
      rule({ lookup: { file: 'missing.csv', key: 'k' } }),
      rule({ annotations: { b: '{{ index .Labels 1 }}', c: 'fine' } }),
    ]);
    expect(enricher.problems).toHaveLength(2);
    expect(enricher.problems[1]).toBe('enrichment rule 2: lookup table missing.csv was not loaded');
    const out = enricher.enrich(alert({ x: '1' }), 0);
    expect(out.alert.annotations).toEqual({ c: 'fine' });
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]).toMatch(/^enrichment of annotation "b": /);
  });
});
