import { describe, expect, it } from 'vitest';
import { ALERT_SEVERITIES, normalizeSeverity, severityRank, withSeverityAliases } from '../../src/severity/severity.js';

describe('normalizeSeverity', () => {
  it('keeps the four levels and maps the usual aliases onto them, ignoring case and space', () => {
    expect(ALERT_SEVERITIES.map((s) => normalizeSeverity(s))).toEqual(['critical', 'error', 'warning', 'info']);
    expect(['page', 'P1', ' high ', 'SEV1'].map((s) => normalizeSeverity(s))).toEqual(['critical', 'critical', 'critical', 'critical']);
    expect(['err', 'p2', 'major'].map((s) => normalizeSeverity(s))).toEqual(['error', 'error', 'error']);
    expect(['warn', 'Medium', 'p3'].map((s) => normalizeSeverity(s))).toEqual(['warning', 'warning', 'warning']);
    expect(['low', 'p4', 'none'].map((s) => normalizeSeverity(s))).toEqual(['info', 'info', 'info']);
  });

  it('leaves unknown spellings unknown', () => {
    expect(normalizeSeverity('blocker')).toBeUndefined();
    expect(normalizeSeverity('')).toBeUndefined();
  });

  it('takes configured aliases, which may move a default spelling to another level', () => {
    const aliases = withSeverityAliases({ critical: ['blocker'], warning: ['high'] });
    expect(normalizeSeverity('Blocker', aliases)).toBe('critical');
    expect(normalizeSeverity('high', aliases)).toBe('warning');
    expect(normalizeSeverity('page', aliases)).toBe('critical');
    expect(normalizeSeverity('high')).toBe('critical');
  });

  it('ranks the most urgent first', () => {
    expect([...ALERT_SEVERITIES].reverse().sort((a, b) => severityRank(a) - severityRank(b))).toEqual(['critical', 'error', 'warning', 'info']);
  });
});
