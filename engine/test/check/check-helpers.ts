/** Runs `klaxon check`'s engine on texts and renders the problems as the CLI prints them. */
import { DEFAULT_CHECK_CONFIG, type CheckConfig } from '../../src/check/check-config.js';
import { checkFiles } from '../../src/check/check-files.js';
import { formatFileProblem } from '../../src/file-problem.js';
import { LineIndex } from '../../src/text/line-index.js';

export function check(files: Record<string, string>, config: Partial<CheckConfig> = {}): string[] {
  const inputs = Object.entries(files).map(([file, text]) => ({ file, text }));
  const read = (path: string) => {
    const text = files[path];
    if (text === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    return text;
  };
  return checkFiles(inputs, { ...DEFAULT_CHECK_CONFIG, ...config }, read).flatMap((f) => {
    const index = new LineIndex(f.text);
    return f.problems.map((p) => `${formatFileProblem(p, index)} [${p.source}]`);
  });
}

/** One alerting rule in a group, with everything the lints ask for unless overridden. */
export function alertRule(fields: { expr: string; extra?: string; labels?: string; annotations?: string; groupExtra?: string }): string {
  return [
    'groups:',
    '  - name: g',
    ...(fields.groupExtra ? [fields.groupExtra] : []),
    '    rules:',
    '      - alert: A',
    `        expr: ${fields.expr}`,
    ...(fields.extra ? [fields.extra] : []),
    `        labels: ${fields.labels ?? '{severity: warning}'}`,
    `        annotations: ${fields.annotations ?? '{summary: s, description: d}'}`,
    '',
  ].join('\n');
}

/** Only the lines of one check. */
export function only(lines: string[], check: string): string[] {
  return lines.filter((l) => l.endsWith(`[${check}]`));
}
