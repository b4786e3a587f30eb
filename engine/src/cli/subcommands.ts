/** Every `klaxon` subcommand. Adding one is one line here. */
import type { Subcommand } from './subcommand.js';
import { testCommand } from './test-command.js';

export const SUBCOMMANDS: readonly Subcommand[] = [testCommand];
