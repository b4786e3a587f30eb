/** The VS Code extension: starts Klaxon's language server; the features live server-side. */
import { window, type ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerRunTests, registerServerCommands } from './commands.js';
import { createLanguageClient } from './language-client.js';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const outputChannel = window.createOutputChannel('Klaxon');
  context.subscriptions.push(outputChannel);
  client = createLanguageClient(context, outputChannel);
  context.subscriptions.push(...registerServerCommands(client, outputChannel));
  await client.start();
  context.subscriptions.push(...registerRunTests(client));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
