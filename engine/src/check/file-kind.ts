/**
 * What a YAML file is, told by its top-level keys as the design says: `groups` makes a rule file,
 * `tests` or `rule_files` a promtool unit-test file, `route`/`receivers` an Alertmanager config.
 * Reads only lines that start at column 0, so it costs nothing next to parsing.
 */
export type FileKind = 'rules' | 'unit-test' | 'alertmanager';

const UNIT_TEST_KEYS = new Set(['tests', 'rule_files', 'evaluation_interval', 'group_eval_order', 'fuzzy_compare']);
const ALERTMANAGER_KEYS = new Set(['route', 'receivers', 'inhibit_rules', 'templates', 'time_intervals', 'mute_time_intervals', 'global']);

export function detectFileKind(text: string): FileKind {
  let kind: FileKind | undefined;
  for (const match of text.matchAll(/^["']?([A-Za-z_][\w-]*)["']?[ \t]*:(?=\s|$)/gm)) {
    const key = match[1]!;
    if (key === 'groups') return 'rules';
    if (UNIT_TEST_KEYS.has(key)) kind ??= 'unit-test';
    else if (ALERTMANAGER_KEYS.has(key)) kind ??= 'alertmanager';
  }
  return kind ?? 'rules';
}
