/**
 * `klaxon routes show|test`: the routing tree of an Alertmanager config, and where an alert with
 * given labels goes, printed exactly as `amtool config routes` prints them.
 */
import { readFile } from 'node:fs/promises';
import { loadAlertmanagerConfig } from '../alertmanager/config/load-config.js';
import { parseMatcher, MatcherParseError } from '../alertmanager/matchers/parse.js';
import { formatMatchingTree, formatRoutingTree } from '../alertmanager/routing/amtool-trees.js';
import { Route } from '../alertmanager/routing/route.js';
import { formatFileProblem } from '../file-problem.js';
import { Labels } from '../labels/labels.js';
import { RegexSyntaxError } from '../labels/matcher.js';
import { LineIndex } from '../text/line-index.js';
import { parseCommandArgs } from './parse-command-args.js';
import { UsageError, type CliIO, type Subcommand } from './subcommand.js';

const HELP = `Usage: klaxon routes [show] --config.file FILE
       klaxon routes test --config.file FILE [--tree] [--verify.receivers=R1,R2] [LABEL=VALUE...]

show  Prints the routing tree of an Alertmanager config, each route with its receiver.
test  Prints the receivers that an alert with the given labels is routed to, comma-separated,
      in the order of the routing tree.

The output is the same as that of 'amtool config routes show' and 'amtool config routes test'.

Options:
  --config.file FILE           The Alertmanager configuration file (required)
  --tree                       test: also print the routes the alert takes
  --verify.receivers=R1,R2     test: exit with 1 unless the alert goes to exactly these receivers
  -h, --help                   Show this help
`;

const MISMATCH_WARNING = 'WARNING: Expected receivers did not match resolved receivers.\n';

export const routesCommand: Subcommand = {
  name: 'routes',
  summary: "Show an Alertmanager config's routing tree, or test where labels are routed (as amtool)",
  help: HELP,
  async run(args: string[], io: CliIO): Promise<number> {
    const action = args[0] === 'show' || args[0] === 'test' ? args[0] : undefined;
    const parsed = parseCommandArgs(
      action ? args.slice(1) : args,
      {
        'config.file': { type: 'string' },
        ...(action === 'test' ? { tree: { type: 'boolean' }, 'verify.receivers': { type: 'string' } } : {}),
      },
      { positionals: action === 'test' },
    );
    if (parsed === 'help') {
      io.stdout(HELP);
      return 0;
    }
    const { values, positionals } = parsed;
    const file = values['config.file'];
    if (typeof file !== 'string') throw new UsageError('--config.file FILE is required');
    const root = await loadRoutingTree(file, io);
    if (!root) return 1;
    if (action !== 'test') {
      io.stdout(formatRoutingTree(root));
      return 0;
    }

    const labels = parseLabels(positionals, io);
    if (!labels) return 1;
    if (values.tree === true) io.stdout(formatMatchingTree(root, labels));
    const receivers = root.match(labels).map((route) => route.opts.receiver).join(',');
    io.stdout(`${receivers}\n`);
    const expected = values['verify.receivers'];
    if (typeof expected === 'string' && expected !== '' && expected !== receivers) {
      io.stdout(MISMATCH_WARNING);
      return 1;
    }
    return 0;
  },
};

/** The config's routing tree; undefined, with the problems printed, when the config has errors. */
async function loadRoutingTree(file: string, io: CliIO): Promise<Route | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const { config, problems } = loadAlertmanagerConfig(text, file);
  const index = new LineIndex(text);
  for (const problem of problems) io.stderr(`${formatFileProblem(problem, index)}\n`);
  if (!config || problems.some((p) => p.severity === 'error')) return undefined;
  return Route.fromConfig(config.route);
}

/** `name=value` arguments as amtool reads them (one classic matcher each, `=` only; a repeated name keeps the last value). */
function parseLabels(args: readonly string[], io: CliIO): Labels | undefined {
  const values = new Map<string, string>();
  for (const arg of args) {
    let matcher;
    try {
      matcher = parseMatcher(arg, 'classic');
    } catch (e) {
      if (!(e instanceof MatcherParseError) && !(e instanceof RegexSyntaxError)) throw e;
      io.stderr(`klaxon routes: Failed to parse labels: ${e.message}\n`);
      return undefined;
    }
    if (matcher.type !== '=') {
      io.stderr('klaxon routes: labels must be specified as key=value pairs\n');
      return undefined;
    }
    values.set(matcher.name, matcher.value);
  }
  return Labels.from(values);
}
