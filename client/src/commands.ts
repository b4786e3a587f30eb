/** What the extension's commands do. */
import { commands, window, type Disposable, type OutputChannel, type Uri } from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { RESTART_SERVER, RUN_TESTS, SHOW_OUTPUT } from './command-ids.js';

/** Commands that work whether or not the server is running: usable when it failed to start. */
export function registerServerCommands(client: LanguageClient, outputChannel: OutputChannel): Disposable[] {
  return [
    commands.registerCommand(RESTART_SERVER, () => client.restart()),
    commands.registerCommand(SHOW_OUTPUT, () => outputChannel.show(true)),
  ];
}

/**
 * `klaxon.runTests` is what the server's "Run tests" code lens invokes with the file's URI; the
 * server runs it as `workspace/executeCommand`. Call once the client has started: when the server
 * announces the command itself, the language client has already registered a forwarder under that id.
 */
export function registerRunTests(client: LanguageClient): Disposable[] {
  if (serverAnnounces(client, RUN_TESTS)) return [];
  return [commands.registerCommand(RUN_TESTS, (uri?: Uri | string) => runTests(client, uri))];
}

function serverAnnounces(client: LanguageClient, command: string): boolean {
  return client.initializeResult?.capabilities.executeCommandProvider?.commands.includes(command) ?? false;
}

async function runTests(client: LanguageClient, uri: Uri | string | undefined): Promise<unknown> {
  const target = uri ?? window.activeTextEditor?.document.uri;
  if (target === undefined) {
    void window.showInformationMessage('Klaxon: open a unit-test file to run its tests.');
    return undefined;
  }
  return client.sendRequest(ExecuteCommandRequest.type, { command: RUN_TESTS, arguments: [target.toString()] });
}
