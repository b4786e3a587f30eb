import { parseArgs } from 'node:util';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { isParseArgsError, parseCommandArgs } from '../../src/cli/parse-command-args.js';
import { UsageError, type Subcommand } from '../../src/cli/subcommand.js';

const OPTIONS = {
  format: { type: 'string' },
  label: { type: 'string', multiple: true },
  verbose: { type: 'boolean' },
  listen: { type: 'string', default: '127.0.0.1:9093' },
} as const;

/** The message node:util parseArgs itself throws for `args`, as the subcommands called it before. */
function parseArgsMessage(args: string[], allowPositionals = true): string {
  try {
    parseArgs({ args, options: { ...OPTIONS, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`parseArgs accepted ${args.join(' ')}`);
}

function usageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return e as UsageError;
  }
  throw new Error('no error thrown');
}

describe('parseCommandArgs', () => {
  it('returns the options with their defaults, and the positionals', () => {
    const parsed = parseCommandArgs(['--format', 'json', 'a.yml', '--label=x', '--label', 'y', 'b.yml', '--verbose'], OPTIONS);
    expect(parsed).toEqual({ values: { format: 'json', label: ['x', 'y'], verbose: true, listen: '127.0.0.1:9093' }, positionals: ['a.yml', 'b.yml'] });
  });

  it('types the values as parseArgs does in strict mode, without help', () => {
    const parsed = parseCommandArgs([], OPTIONS);
    if (parsed === 'help') throw new Error('help without --help');
    expectTypeOf(parsed.values).toEqualTypeOf<{ format?: string; label?: string[]; verbose?: boolean; listen: string }>();
    expectTypeOf(parsed.positionals).toEqualTypeOf<string[]>();
  });

  it("answers 'help' for -h or --help wherever they stand", () => {
    expect(parseCommandArgs(['-h'], OPTIONS)).toBe('help');
    expect(parseCommandArgs(['a.yml', '--format', 'json', '--help'], OPTIONS)).toBe('help');
    expect(parseCommandArgs(['--help'], {}, { positionals: false })).toBe('help');
  });

  it('reads -h after -- as a positional', () => {
    expect(parseCommandArgs(['--', '-h'], OPTIONS)).toMatchObject({ positionals: ['-h'] });
  });

  it('turns what parseArgs refuses into a UsageError with its message', () => {
    for (const args of [['--bogus'], ['-x'], ['--format'], ['--help=yes'], ['--verbose=1'], ['--help', '--bogus']]) {
      expect(usageError(() => parseCommandArgs(args, OPTIONS)).message, args.join(' ')).toBe(parseArgsMessage(args));
    }
  });

  it('refuses positionals when told to, with the message of parseArgs', () => {
    expect(parseCommandArgs(['a.yml'], OPTIONS, { positionals: true })).toMatchObject({ positionals: ['a.yml'] });
    const error = usageError(() => parseCommandArgs(['a.yml'], OPTIONS, { positionals: false }));
    expect(error.message).toBe(parseArgsMessage(['a.yml'], false));
    expect(error.message).toMatch(/a\.yml/);
  });

  it('lets a mistake in the options themselves through, as an internal error', () => {
    const broken = { count: { type: 'number' } } as unknown as typeof OPTIONS;
    let thrown: unknown;
    try {
      parseCommandArgs([], broken);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).not.toBeInstanceOf(UsageError);
  });
});

describe('isParseArgsError', () => {
  it('knows the errors of parseArgs from others', () => {
    let parseArgsError: unknown;
    try {
      parseArgs({ args: ['--bogus'], options: {}, strict: true });
    } catch (e) {
      parseArgsError = e;
    }
    expect(isParseArgsError(parseArgsError)).toBe(true);
    expect(isParseArgsError(new UsageError('no files given'))).toBe(false);
    expect(isParseArgsError(new Error('ERR_PARSE_ARGS_UNKNOWN_OPTION'))).toBe(false);
    expect(isParseArgsError(undefined)).toBe(false);
  });
});

describe('a subcommand that reads its arguments with parseCommandArgs', () => {
  const HELP = 'Usage: klaxon fake [options] FILE...\n';
  const fake: Subcommand = {
    name: 'fake',
    summary: 'A subcommand for this test',
    help: HELP,
    async run(args, io) {
      const parsed = parseCommandArgs(args, OPTIONS);
      if (parsed === 'help') {
        io.stdout(HELP);
        return 0;
      }
      io.stdout(`${parsed.positionals.join(',')}\n`);
      return 0;
    },
  };

  async function klaxon(args: string[]) {
    const out = { stdout: '', stderr: '' };
    const status = await main(args, { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t) }, [{ name: fake.name, load: async () => fake }]);
    return { status, ...out };
  }

  it('prints its help on stdout and exits 0', async () => {
    expect(await klaxon(['fake', '-h'])).toEqual({ status: 0, stdout: HELP, stderr: '' });
  });

  it('reports a bad command line as main reports a parseArgs error: the message, a hint, status 2', async () => {
    const message = parseArgsMessage(['--bogus']);
    expect(await klaxon(['fake', 'a.yml', '--bogus'])).toEqual({ status: 2, stdout: '', stderr: `klaxon fake: ${message}\nRun 'klaxon fake --help' for usage.\n` });
  });
});
