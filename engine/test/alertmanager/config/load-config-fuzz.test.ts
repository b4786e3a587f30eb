import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadAlertmanagerConfig } from '../../../src/alertmanager/config/load-config.js';
import { CONFIG_FIXTURES_DIR, readFixtures } from '../../fixtures/alertmanager/fixtures.js';

const SEEDS = readFixtures(CONFIG_FIXTURES_DIR).map((f) => f.text);

/** Loads and checks what must hold for any input: no exception, every problem located inside the text. */
function loadsSafely(text: string): void {
  const { config, problems } = loadAlertmanagerConfig(text, 'fuzz.yml');
  for (const p of problems) {
    expect(p.range.start).toBeGreaterThanOrEqual(0);
    expect(p.range.end).toBeGreaterThanOrEqual(p.range.start);
    expect(p.range.end).toBeLessThanOrEqual(text.length);
    expect(p.message).not.toBe('');
    expect(p.message).not.toContain('internal error');
    expect(p.file).toBe('fuzz.yml');
  }
  if (!problems.some((p) => p.severity === 'error')) expect(config).toBeDefined();
}

const yamlish = fc.constantFrom(...'abc_-: \n\t{}[],"\'#&*!|>~\\=~.0123456789'.split(''), 'route:', 'receivers:', '- name: x', '  ', '<<: ', 'null', 'yes', '\u00e9', '\ud83d\ude00');

/** A seed text with a few characters inserted, spans deleted or lines repeated. */
const mutated = fc
  .tuple(
    fc.constantFrom(...SEEDS),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 12 }), fc.constantFrom('insert', 'delete', 'repeat-line'), fc.array(yamlish, { maxLength: 4 })), { minLength: 1, maxLength: 4 }),
  )
  .map(([seed, edits]) =>
    edits.reduce((text, [at, length, kind, chars]) => {
      const i = text.length === 0 ? 0 : at % text.length;
      if (kind === 'insert') return text.slice(0, i) + chars.join('') + text.slice(i);
      if (kind === 'delete') return text.slice(0, i) + text.slice(i + length);
      const lineStart = text.lastIndexOf('\n', i) + 1;
      const lineEnd = text.indexOf('\n', i);
      const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd + 1);
      return text.slice(0, lineStart) + line + text.slice(lineStart);
    }, seed),
  );

describe('loadAlertmanagerConfig on hostile input', () => {
  it('never throws and always locates its problems, on random bytes', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), loadsSafely), { numRuns: 500 });
  });

  it('… on YAML-like noise', () => {
    fc.assert(fc.property(fc.array(yamlish, { maxLength: 80 }).map((parts) => parts.join('')), loadsSafely), { numRuns: 1000 });
  });

  it('… on mutations of the config fixtures', () => {
    expect(SEEDS.length).toBeGreaterThan(20);
    fc.assert(fc.property(mutated, loadsSafely), { numRuns: 1500 });
  });
});
