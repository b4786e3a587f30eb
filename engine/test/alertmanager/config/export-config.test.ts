import { describe, expect, it } from 'vitest';
import { exportAlertmanagerConfig } from '../../../src/alertmanager/config/export-config.js';
import { loadAlertmanagerConfig } from '../../../src/alertmanager/config/load-config.js';

const ALERTMANAGER = `# Alertmanager for the shop
global:
  resolve_timeout: 10m   # longer than the default

route:
  receiver: team   # everything goes to the team
  group_by: [alertname]
receivers:
  - name: team
    webhook_configs:
      - url: 'http://127.0.0.1:5001/'
`;

const ENRICHMENT = `# Klaxon: runbook links
enrichment:
  - matchers: [service=api]
    annotations:
      runbook: 'https://runbooks/{{ .Labels.alertname }}'
    # a comment inside the block
`;

const SEVERITIES = `severities:
  aliases: {critical: [page]}
`;

describe('exportAlertmanagerConfig', () => {
  it('returns a file without Klaxon keys unchanged', () => {
    expect(exportAlertmanagerConfig(ALERTMANAGER)).toBe(ALERTMANAGER);
  });

  it('cuts the key blocks, with the comments just above them, wherever they are', () => {
    const [head, rest] = [ALERTMANAGER.slice(0, ALERTMANAGER.indexOf('route:')), ALERTMANAGER.slice(ALERTMANAGER.indexOf('route:'))];
    expect(exportAlertmanagerConfig(ENRICHMENT + ALERTMANAGER)).toBe(ALERTMANAGER);
    expect(exportAlertmanagerConfig(head + SEVERITIES + ENRICHMENT + rest)).toBe(head + rest);
    expect(exportAlertmanagerConfig(ALERTMANAGER + SEVERITIES + ENRICHMENT)).toBe(ALERTMANAGER);
  });

  it('keeps blank lines and top-level comments that introduce the next key', () => {
    const text = `route: {receiver: r}\nseverities:\n  aliases: {info: [fyi]}\n\n# the receivers\nreceivers: [{name: r}]\n`;
    expect(exportAlertmanagerConfig(text)).toBe(`route: {receiver: r}\n\n# the receivers\nreceivers: [{name: r}]\n`);
  });

  it('re-serialises flow-style files and files whose anchors live in a Klaxon block', () => {
    const flow = '{route: {receiver: r}, receivers: [{name: r}], severities: {aliases: {info: [fyi]}}}\n';
    const anchored = 'severities:\n  aliases: {critical: &spellings [page]}\nroute: {receiver: r}\nreceivers: [{name: r}]\n';
    for (const text of [flow, anchored]) {
      const exported = exportAlertmanagerConfig(text);
      expect(exported).not.toContain('severities');
      const { config, problems } = loadAlertmanagerConfig(exported, 'exported.yml');
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(config!.route.receiver?.value).toBe('r');
    }
  });

  it('leaves a file that loads to the same Alertmanager configuration', () => {
    const text = ENRICHMENT + ALERTMANAGER + SEVERITIES;
    const before = loadAlertmanagerConfig(text, 'a.yml').config!;
    const after = loadAlertmanagerConfig(exportAlertmanagerConfig(text), 'b.yml').config!;
    expect(after.receivers.map((r) => r.name.value)).toEqual(before.receivers.map((r) => r.name.value));
    expect(after.global.resolveTimeout).toBe(before.global.resolveTimeout);
    expect(after.klaxon.enrichment).toEqual([]);
  });
});
