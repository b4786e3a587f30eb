/** The language server process: a connection over the transport the client chose (IPC, stdio...), wired by startServer. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { logError } from './guard.js';
import { startServer } from './start-server.js';

const connection = createConnection(ProposedFeatures.all);
process.on('uncaughtException', (e) => logError(connection.console, 'the server', e));
process.on('unhandledRejection', (e) => logError(connection.console, 'the server', e));
startServer(connection);
