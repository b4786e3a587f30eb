/**
 * Every `klaxon` subcommand, by name. Each is loaded when it runs or its help is shown, so that a
 * run loads the code of its own command only: loading the server's HTTP and TLS modules takes
 * longer than a small `klaxon check`. Adding one is one line here.
 */
import type { Subcommand } from './subcommand.js';

export interface SubcommandEntry {
  name: string;
  load(): Promise<Subcommand>;
}

export const SUBCOMMANDS: readonly SubcommandEntry[] = [
  { name: 'check', load: async () => (await import('./check-command.js')).checkCommand },
  { name: 'export', load: async () => (await import('./export-command.js')).exportCommand },
  { name: 'routes', load: async () => (await import('./routes-command.js')).routesCommand },
  { name: 'run', load: async () => (await import('./run-command.js')).runCommand },
  { name: 'serve', load: async () => (await import('./serve-command.js')).serveCommand },
  { name: 'simulate', load: async () => (await import('./simulate-command.js')).simulateCommand },
  { name: 'test', load: async () => (await import('./test-command.js')).testCommand },
];
