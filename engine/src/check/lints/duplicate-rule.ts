/**
 * Two alerting rules with the same name and labels make alerts that Alertmanager cannot tell
 * apart; two recording rules with the same name and labels write the same series. Checked over
 * every file given together, with group labels applied as Prometheus applies them.
 */
import { LineIndex } from '../../text/line-index.js';
import type { Rule, RuleGroup } from '../../rules/rule.js';
import type { FileSetFinding, Lint, RuleFileInput } from '../lint.js';
import { ruleNameRange } from '../locate.js';

export const duplicateRule: Lint = {
  name: 'duplicate-rule',
  summary: 'two alerting rules, or two recording rules, with the same name and the same labels',
  checkFiles(files: readonly RuleFileInput[]): FileSetFinding[] {
    const first = new Map<string, { file: RuleFileInput; rule: Rule }>();
    const findings: FileSetFinding[] = [];
    const lines = new Map<RuleFileInput, LineIndex>();
    for (const file of files) {
      for (const group of file.groups) {
        for (const rule of group.rules) {
          const key = identity(rule, group);
          const earlier = first.get(key);
          if (!earlier) {
            first.set(key, { file, rule });
            continue;
          }
          const index = lines.get(earlier.file) ?? new LineIndex(earlier.file.text);
          lines.set(earlier.file, index);
          const line = index.position(ruleNameRange(earlier.rule).start).line + 1;
          const where = earlier.file === file ? `line ${line}` : `${earlier.file.file}:${line}`;
          const what = rule.kind === 'alert' ? 'alerting rule' : 'recording rule';
          findings.push({ file, rule, message: `${what} "${rule.name}" with the same labels is already defined at ${where}`, range: ruleNameRange(rule) });
        }
      }
    }
    return findings;
  },
};

/** The kind, name and labels (the group's under the rule's own), each quoted, so that no two identities run together. */
function identity(rule: Rule, group: RuleGroup): string {
  const labels = group.labels ? { ...group.labels, ...rule.labels } : rule.labels;
  let key = rule.kind + JSON.stringify(rule.name);
  for (const name of Object.keys(labels).sort()) key += JSON.stringify(name) + JSON.stringify(labels[name]);
  return key;
}
