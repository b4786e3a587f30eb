/**
 * `klaxon export --alertmanager OUT CONFIG`: writes the Alertmanager configuration CONFIG without
 * Klaxon's own keys, so that a real Alertmanager (and `amtool check-config`) accepts it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { exportAlertmanagerConfig } from '../alertmanager/config/export-config.js';
import { loadAlertmanagerConfig } from '../alertmanager/config/load-config.js';
import { formatFileProblem } from '../file-problem.js';
import { LineIndex } from '../text/line-index.js';
import { parseCommandArgs } from './parse-command-args.js';
import { UsageError, type CliIO, type Subcommand } from './subcommand.js';

const HELP = `Usage: klaxon export --alertmanager OUT CONFIG

Writes the Alertmanager configuration CONFIG to OUT without Klaxon's own top-level keys
(enrichment, severities), keeping everything else as written, comments included. OUT may be -
for standard output. Problems in CONFIG are printed; with errors nothing is written and the
exit status is 1.

Options:
  --alertmanager OUT  Where to write the Alertmanager configuration
  -h, --help          Show this help
`;

export const exportCommand: Subcommand = {
  name: 'export',
  summary: 'Write an Alertmanager configuration without Klaxon\'s keys, for a real Alertmanager',
  help: HELP,
  async run(args: string[], io: CliIO): Promise<number> {
    const parsed = parseCommandArgs(args, { alertmanager: { type: 'string' } });
    if (parsed === 'help') {
      io.stdout(HELP);
      return 0;
    }
    const { values, positionals } = parsed;
    if (values.alertmanager === undefined) throw new UsageError('--alertmanager OUT is required');
    if (positionals.length !== 1) throw new UsageError('expected exactly one CONFIG file');
    const file = positionals[0]!;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      io.stderr(`klaxon export: cannot read ${file}: ${(e as Error).message}\n`);
      return 1;
    }
    const { problems } = loadAlertmanagerConfig(text, file);
    const index = new LineIndex(text);
    for (const p of problems) io.stderr(`${formatFileProblem(p, index)}\n`);
    if (problems.some((p) => p.severity === 'error')) return 1;
    const exported = exportAlertmanagerConfig(text);
    if (values.alertmanager === '-') io.stdout(exported);
    else await writeFile(values.alertmanager, exported);
    return 0;
  },
};
