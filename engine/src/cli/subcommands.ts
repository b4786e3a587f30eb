/** Every `klaxon` subcommand. Adding one is one line here. */
import type { Subcommand } from './subcommand.js';
import { checkCommand } from './check-command.js';
import { exportCommand } from './export-command.js';
import { routesCommand } from './routes-command.js';
import { runCommand } from './run-command.js';
import { serveCommand } from './serve-command.js';
import { simulateCommand } from './simulate-command.js';
import { testCommand } from './test-command.js';

export const SUBCOMMANDS: readonly Subcommand[] = [checkCommand, exportCommand, routesCommand, runCommand, serveCommand, simulateCommand, testCommand];
