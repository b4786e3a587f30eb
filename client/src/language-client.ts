/** How the extension starts Klaxon's language server. */
import * as path from 'node:path';
import { workspace, type ExtensionContext, type OutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { DOCUMENT_SELECTOR, WATCHED_FILES } from './documents.js';

/** The client id; VS Code reads its trace level from the `klaxon.trace.server` setting. */
export const CLIENT_ID = 'klaxon';

export function createLanguageClient(context: ExtensionContext, outputChannel: OutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const watcher = workspace.createFileSystemWatcher(WATCHED_FILES);
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel,
    synchronize: { configurationSection: 'klaxon', fileEvents: watcher },
  };
  return new LanguageClient(CLIENT_ID, 'Klaxon', serverOptions, clientOptions);
}
