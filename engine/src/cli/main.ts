#!/usr/bin/env node
/** The `klaxon` command: dispatches to the subcommands of subcommands.ts. */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isParseArgsError } from './parse-command-args.js';
import { EXIT_USAGE, UsageError, type CliIO, type Subcommand } from './subcommand.js';
import { SUBCOMMANDS, type SubcommandEntry } from './subcommands.js';

async function usage(entries: readonly SubcommandEntry[]): Promise<string> {
  const subcommands: Subcommand[] = await Promise.all(entries.map((e) => e.load()));
  const width = Math.max(...subcommands.map((s) => s.name.length));
  const lines = subcommands.map((s) => `  ${s.name.padEnd(width)}  ${s.summary}`);
  return [
    'Usage: klaxon <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Options:',
    '  -h, --help  Show this help',
    '',
    "Run 'klaxon <command> --help' or 'klaxon help <command>' for the options of a command.",
    '',
  ].join('\n');
}

/** Runs the command line `args` (without node and the script); resolves to the exit status. */
export async function main(args: string[], io: CliIO, subcommands: readonly SubcommandEntry[] = SUBCOMMANDS): Promise<number> {
  const [first, ...rest] = args;
  try {
    if (first === undefined || first.startsWith('-')) {
      const { values } = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } }, strict: true });
      if (values.help) {
        io.stdout(await usage(subcommands));
        return 0;
      }
      throw new UsageError('missing command');
    }
    if (first === 'help') {
      const topic = rest[0] === undefined ? undefined : subcommands.find((s) => s.name === rest[0]);
      if (rest[0] !== undefined && !topic) throw new UsageError(`unknown command ${JSON.stringify(rest[0])}`);
      io.stdout(topic ? (await topic.load()).help : await usage(subcommands));
      return 0;
    }
    const subcommand = subcommands.find((s) => s.name === first);
    if (!subcommand) throw new UsageError(`unknown command ${JSON.stringify(first)}`);
    return await (await subcommand.load()).run(rest, io);
  } catch (e) {
    if (!(e instanceof UsageError) && !isParseArgsError(e)) throw e;
    const command = first !== undefined && subcommands.some((s) => s.name === first) ? `klaxon ${first}` : 'klaxon';
    io.stderr(`${command}: ${(e as Error).message}\nRun '${command} --help' for usage.\n`);
    return EXIT_USAGE;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/** Runs the process's command line on the real streams and sets the exit status. */
export function runCommandLine(): void {
  const io: CliIO = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), stderrIsTTY: process.stderr.isTTY === true };
  main(process.argv.slice(2), io).then(
    (status) => {
      process.exitCode = status;
    },
    (e: unknown) => {
      process.stderr.write(`klaxon: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 70;
    },
  );
}

if (isEntryPoint()) runCommandLine();
