/**
 * `klaxon run`: the name the quick start uses for `klaxon simulate`; the same command, options
 * and output (see simulate-command.ts).
 */
import { simulationCommand } from './simulate-command.js';

export const runCommand = simulationCommand('run', 'Evaluate rule files over series and print what would have fired (as simulate)');
