/**
 * The command line of a subcommand, read as every subcommand reads it: node:util parseArgs in
 * strict mode, `-h`/`--help` added to the options, and parseArgs's errors (an unknown option, a
 * missing value, an unexpected positional) turned into UsageErrors with the same message.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './subcommand.js';

type CommandOptions = NonNullable<ParseArgsConfig['options']>;

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/** The values of the options, typed as parseArgs types them in strict mode. */
export type CommandValues<Options extends CommandOptions> = ReturnType<typeof parseArgs<{ options: Options; strict: true }>>['values'];

export interface CommandArgs<Options extends CommandOptions> {
  values: CommandValues<Options>;
  positionals: string[];
}

/**
 * Parses `args` with `options` and `-h`/`--help`; 'help' when help was asked for. Positionals are
 * allowed unless `positionals` is false. Throws UsageError for a command line parseArgs refuses.
 */
export function parseCommandArgs<const Options extends CommandOptions>(
  args: readonly string[],
  options: Options,
  { positionals = true }: { positionals?: boolean } = {},
): CommandArgs<Options> | 'help' {
  try {
    const parsed = parseArgs({ args, options: { ...options, ...HELP_OPTION }, allowPositionals: positionals, strict: true });
    const values = parsed.values as CommandValues<Options> & { help?: boolean };
    if (values.help) return 'help';
    return { values, positionals: parsed.positionals };
  } catch (e) {
    if (isParseArgsError(e)) throw new UsageError(e.message);
    throw e;
  }
}

/** node:util parseArgs reports unknown options, missing values and unexpected positionals with these codes. */
export function isParseArgsError(e: unknown): e is Error {
  const code = (e as { code?: unknown } | undefined)?.code;
  return e instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
