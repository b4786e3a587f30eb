/**
 * Two alerting rules with the same name and labels make alerts that Alertmanager cannot tell
 * apart; two recording rules with the same name and labels write the same series. Checked over
 * every file given together, with group labels applied as Prometheus applies them.
 */
import { LineIndex } from '../../text/line-index.js';
import type { Rule, RuleGroup } from '../../rules/rule.js';
import type { FileSetFinding, Lint, RuleFileInput } from '../lint.js';
import { ruleNameRange } from '../locate.js';

interface Seen {
  file: RuleFileInput;
  group: RuleGroup;
  rule: Rule;
  /** Whether the rule is in firstOfIdentity: once its name is met again. */
  keyed: boolean;
}

export const duplicateRule: Lint = {
  name: 'duplicate-rule',
  summary: 'two alerting rules, or two recording rules, with the same name and the same labels',
  checkFiles(files: readonly RuleFileInput[]): FileSetFinding[] {
    // Most names are met once: a rule's identity is worked out only when its name was met before.
    const firstOfName = new Map<string, Seen>();
    const firstOfIdentity = new Map<string, Seen>();
    const findings: FileSetFinding[] = [];
    const lines = new Map<RuleFileInput, LineIndex>();
    for (let f = 0; f < files.length; f++) {
      const file = files[f]!;
      for (let g = 0; g < file.groups.length; g++) {
        const group = file.groups[g]!;
        for (let r = 0; r < group.rules.length; r++) {
          const rule = group.rules[r]!;
          const firstNamed = firstOfName.get(rule.name);
          if (!firstNamed) {
            firstOfName.set(rule.name, { file, group, rule, keyed: false });
            continue;
          }
          if (!firstNamed.keyed) {
            firstOfIdentity.set(identity(firstNamed.rule, firstNamed.group), firstNamed);
            firstNamed.keyed = true;
          }
          const key = identity(rule, group);
          const earlier = firstOfIdentity.get(key);
          if (!earlier) {
            firstOfIdentity.set(key, { file, group, rule, keyed: true });
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
