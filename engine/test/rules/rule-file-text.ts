/** Rule files for tests, written from objects rather than as YAML text. */
import { stringify } from 'yaml';

export interface RuleSpec {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  keep_firing_for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface RuleGroupSpec {
  name: string;
  interval?: string;
  query_offset?: string;
  rules: RuleSpec[];
}

/** The text of a Prometheus rule file with these groups. */
export function ruleFileText(groups: RuleGroupSpec[]): string {
  return stringify({ groups });
}
