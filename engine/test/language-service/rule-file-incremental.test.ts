import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHECK_CONFIG } from '../../src/check/check-config.js';
import { SourceDocument } from '../../src/language-service/documents/source-document.js';
import { RuleFileModel } from '../../src/language-service/models/rule-file/rule-file-model.js';
import { ruleFileSetup } from '../../src/language-service/models/rule-file/rule-file-setup.js';

/** Rules in every scalar style, with lints to find, a disable comment and a recording rule read before it is written. */
function ruleFile(): string {
  const lines = ['# rules', 'groups:'];
  for (let g = 0; g < 3; g++) {
    lines.push(`  - name: group-${g}`, '    interval: 1m', '    rules:');
    for (let r = 0; r < 6; r++) {
      const n = g * 10 + r;
      if (r === 0) lines.push(`      - record: job:reads_${n}:rate5m`, `        expr: sum by (job) (rate(reads_${n}_total[5m]))`);
      else if (r === 1) lines.push(`      - alert: Quoted${n}`, `        expr: "job:reads_${g * 10 + 5}:rate5m{code=\\"5..\\"} > 1"`, '        labels: {severity: page}');
      else if (r === 2) lines.push(`      - alert: Block${n}`, '        expr: |', `          rate(errors_${n}[5m])`, '            > 0.1', '        for: 10s');
      else if (r === 3) lines.push('      # klaxon-disable missing-annotation', `      - alert: Folded${n}`, '        expr: >-', `          up{job=~"api"}`, '          == 0', '        labels:', '          severity: warning');
      else if (r === 4) lines.push(`      - alert: Single${n}`, `        expr: 'foo_${n} > 1'`, '        annotations:', `          summary: "{{ $labels.job }} x"`, '          description: d');
      else lines.push(`      - record: job:reads_${n}:rate5m`, `        expr: sum(rate(x_${n}[1m]))`);
      lines.push('');
    }
  }
  return lines.join('\n');
}

function snapshot(model: RuleFileModel) {
  return {
    diagnostics: model.diagnostics().map(({ severity, message, range, source }) => ({ severity, message, range, source })),
    groups: model.groups.map((g) => ({ name: g.name, range: g.range, positions: g.positions, rules: g.rules.map((r) => ({ kind: r.kind, name: r.name, exprText: r.exprText, range: r.range, positions: r.positions })) })),
  };
}

const setup = ruleFileSetup(DEFAULT_CHECK_CONFIG);

describe('rule file model, incrementally', () => {
  const base = ruleFile();

  /** The model of `base`, then updated for `text` inserted at `at`. */
  const afterInsert = (at: number, text: string) => {
    const first = new SourceDocument('file:///r.yml', 1, base);
    const doc = new SourceDocument('file:///r.yml', 2, base.slice(0, at) + text + base.slice(at), first);
    const original = RuleFileModel.load(first, setup);
    const before = original.diagnostics();
    return { doc, before, model: original.update(doc, setup) };
  };

  it('reads only the edited rule again for an edit inside its expression', () => {
    const { doc, model } = afterInsert(base.indexOf('rate(errors_12') + 5, 'x');
    expect(model.lastUpdate).toBe('splice');
    expect(snapshot(model)).toEqual(snapshot(RuleFileModel.load(doc, setup)));
  });

  it('reads the whole file for an edit outside every rule', () => {
    const { model } = afterInsert(base.indexOf('group-1') + 7, 'b');
    expect(model.lastUpdate).toBe('load');
    expect(model.groups[1]!.name).toBe('group-1b');
  });

  it('keeps the other rules and their findings while one rule is not valid YAML', () => {
    const at = base.indexOf("'foo_4 > 1'");
    const edited = afterInsert(at, '"');
    let { doc, model } = edited;
    const before = edited.before.filter((d) => d.source !== 'yaml').length;
    expect(model.lastUpdate).toBe('splice');
    const yaml = model.diagnostics().filter((d) => d.source === 'yaml');
    expect(yaml.length).toBeGreaterThan(0);
    expect(yaml.every((d) => d.range.start >= base.lastIndexOf('- alert', at))).toBe(true);
    expect(model.diagnostics().filter((d) => d.source !== 'yaml').length).toBeGreaterThan(before / 2);
    // Typing the quote away brings the rule back.
    doc = new SourceDocument('file:///r.yml', 3, base, doc);
    model = model.update(doc, setup);
    expect(snapshot(model)).toEqual(snapshot(RuleFileModel.load(doc, setup)));
  });

  it('gives what reading the whole file gives, after any edits inside rules', () => {
    const ruleStarts = [...base.matchAll(/- (alert|record):/g)].map((m) => m.index);
    const edit = fc.record({
      rule: fc.nat(ruleStarts.length - 1),
      at: fc.nat(200),
      remove: fc.nat(4),
      insert: fc.array(fc.constantFrom('a', '1', ' ', '(', ')', '{', '}', '"', "'", ':', '#', '\n', '-', '[', ']', 'x', '|', '\n  '), { maxLength: 4 }).map((parts) => parts.join('')),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        let text = base;
        let doc = new SourceDocument('file:///r.yml', 1, text);
        let model = RuleFileModel.load(doc, setup);
        let version = 1;
        for (const e of edits) {
          const starts = [...text.matchAll(/- (alert|record):/g)].map((m) => m.index);
          const start = starts[Math.min(e.rule, starts.length - 1)] ?? 0;
          const at = Math.min(text.length, start + 2 + e.at);
          text = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
          doc = new SourceDocument('file:///r.yml', ++version, text, doc);
          model = model.update(doc, setup);
          const fresh = RuleFileModel.load(doc, setup);
          const yamlError = (m: RuleFileModel) => m.diagnostics().some((d) => d.source === 'yaml' && d.severity === 'error');
          // A rule that is not valid YAML is reported where it is, and the others stay; read whole,
          // the file may instead stop at it, or let an unclosed quote run on into the rules below.
          if (yamlError(fresh)) expect(model.diagnostics().some((d) => d.severity === 'error')).toBe(true);
          if (yamlError(fresh) || yamlError(model)) continue;
          expect(snapshot(model)).toEqual(snapshot(fresh));
        }
      }),
      { numRuns: Number(process.env.KLAXON_RUNS ?? 150), seed: Number(process.env.KLAXON_SEED ?? Date.now() % 1e9) },
    );
  }, 600_000);
});
