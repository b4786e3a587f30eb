/**
 * Fuzzing the rule file loader and the lints: whatever the text (random YAML, or rule files with
 * random edits), loading never throws, never fails internally, and every problem's range lies
 * within the text. Fixed seeds, bounded runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateRuleFile } from '../../bench/check.mjs';
import { DEFAULT_CHECK_CONFIG } from '../../src/check/check-config.js';
import { checkFiles } from '../../src/check/check-files.js';
import { loadRuleFile } from '../../src/rules/load-rule-file.js';
import { HAND_WRITTEN_CASES } from '../tools/rule-file-cases.js';
import { editedYamlText, yamlText } from '../yaml/yaml-texts.js';

const SEED = 31_337;

/** Every way the text can go wrong, as messages; none expected. */
function escapes(text: string): string[] {
  const out: string[] = [];
  let problems;
  try {
    problems = checkFiles([{ file: 'f.yml', text }], DEFAULT_CHECK_CONFIG, () => {
      throw new Error('no files');
    })[0]!.problems;
  } catch (e) {
    return [`threw ${(e as Error).stack}`];
  }
  for (const p of problems) {
    const { start, end } = p.range;
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length)) out.push(`range ${start}..${end} outside 0..${text.length}: ${p.message}`);
    if (p.message.includes('internal error')) out.push(p.message);
  }
  return out;
}

const seedFiles = [
  readFileSync(join(import.meta.dirname, '../../../examples/rules.yml'), 'utf8'),
  generateRuleFile(20, 3),
  ...Object.values(HAND_WRITTEN_CASES).filter((t) => t.length > 60),
];

const edit = fc.tuple(
  fc.nat(),
  fc.oneof(
    fc.constantFrom('', ' ', '\n', ':', '- ', '#', '"', "'", '{', '}', '[', ']', ',', '|', '>', '&a', '*a', '!!str ', '<<: ', '\t', '\\', '{{', '}}', '(', ')', '\u0000', '\ud800', '---\n'),
    fc.string({ maxLength: 4 }),
  ),
  fc.integer({ min: 0, max: 3 }),
);

/** A rule file with characters inserted, deleted or replaced, or lines duplicated or dropped. */
const mutatedRuleFile = fc.tuple(fc.constantFrom(...seedFiles), fc.array(edit, { minLength: 1, maxLength: 4 })).map(([source, edits]) => {
  let text = source;
  for (const [at, insert, how] of edits) {
    const p = at % (text.length + 1);
    if (how === 0) text = text.slice(0, p) + insert + text.slice(p);
    else if (how === 1) text = text.slice(0, p) + insert + text.slice(p + 1);
    else {
      const lines = text.split('\n');
      const i = p % lines.length;
      if (how === 2) lines.splice(i, 0, lines[i]!);
      else lines.splice(i, 1);
      text = lines.join('\n');
    }
  }
  return text;
});

describe('rule file fuzzing', () => {
  it('survives rule files with random edits', () => {
    fc.assert(fc.property(mutatedRuleFile, (text) => {
      expect(escapes(text)).toEqual([]);
    }), { seed: SEED, numRuns: 1500 });
  });

  it('survives random YAML, plain and edited', () => {
    fc.assert(fc.property(fc.oneof(yamlText, editedYamlText), (text) => {
      expect(escapes(text)).toEqual([]);
    }), { seed: SEED, numRuns: 1500 });
  });

  it('survives arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
      expect(escapes(text)).toEqual([]);
    }), { seed: SEED, numRuns: 1000 });
  });

  it('loads the seed files themselves with positions inside them', () => {
    for (const text of seedFiles) {
      for (const p of loadRuleFile(text, 'f.yml').problems) expect(p.range.end).toBeLessThanOrEqual(text.length);
    }
  });
});
