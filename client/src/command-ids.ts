/** The ids of the commands the extension contributes (`contributes.commands` in the root package.json). */
export const RUN_TESTS = 'klaxon.runTests';
export const RESTART_SERVER = 'klaxon.restartServer';
export const SHOW_OUTPUT = 'klaxon.showOutput';

export const COMMAND_IDS = [RUN_TESTS, RESTART_SERVER, SHOW_OUTPUT] as const;
