/** The shape of one `klaxon` subcommand; main.ts dispatches to these by name. */

/** Where a subcommand writes; the real streams in the bin, buffers in tests. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal: progress bars are drawn only then. */
  stderrIsTTY?: boolean;
}

export interface Subcommand {
  name: string;
  /** One line for `klaxon --help`. */
  summary: string;
  /** The full text of `klaxon <name> --help`. */
  help: string;
  /** Runs with the arguments after the subcommand name; resolves to the exit status. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** Exit status for a mistake in how the command was called. */
export const EXIT_USAGE = 2;

/** A mistake in the command line: main prints the message and exits with EXIT_USAGE. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
