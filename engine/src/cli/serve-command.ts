/**
 * `klaxon serve`: the local alert manager as a server, with Alertmanager's flags where it has
 * them. It listens on 127.0.0.1 unless told otherwise, reloads its configuration on SIGHUP, and
 * on SIGINT or SIGTERM stops after writing everything to its store. It logs one line per event
 * to stderr and never prints a secret.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { AlertManager } from '../alertmanager/alert-manager.js';
import { createApiRouter, routePrefixOf } from '../alertmanager/api/api-router.js';
import { parseGoDuration } from '../alertmanager/config/go-time.js';
import { logfmtLogger, type LogLevel, type Logger } from '../alertmanager/server/log.js';
import { serveClock } from '../alertmanager/server/serve-clock.js';
import { KLAXON_VERSION } from '../alertmanager/server/version-info.js';
import type { Synchronous } from '../store/klaxon-store.js';
import type { HttpAuth } from '../http/auth.js';
import { Router } from '../http/router.js';
import { serveHttp, type RunningHttpServer } from '../http/serve-http.js';
import { parseCommandArgs } from './parse-command-args.js';
import { UsageError, type CliIO, type Subcommand } from './subcommand.js';

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

const HELP = `Usage: klaxon serve [options]

Runs Klaxon's alert manager: an Alertmanager-compatible server (API v2, as amtool, Prometheus and
Alertmanager 0.25 clients use it) for an Alertmanager configuration, keeping alerts, silences, the
notification log and history in a store that survives restarts.

Options:
  --config.file FILE                 Alertmanager configuration file (default alertmanager.yml)
  --storage.path DIR                 Directory of the store (default data/)
  --storage.sync normal|full         normal (the default): an acknowledged change survives Klaxon
                                     being killed; full: it survives a power loss too, at the cost
                                     of an fsync per commit
  --web.listen-address HOST:PORT     Address to listen on (default 127.0.0.1:9093)
  --web.external-url URL             The URL Klaxon is reached at, used in notifications; its path
                                     prefixes every endpoint (default http://<hostname>:<port>/)
  --data.retention DURATION          How long silences, notification-log entries and history are
                                     kept after they end (default 120h)
  --web.auth.bearer-token-file FILE  Require this bearer token on every request (read at start)
  --web.auth.basic-user USER         Require HTTP basic authentication as USER ...
  --web.auth.basic-password-file FILE  ... with the password in FILE (read at start)
  --web.max-body-bytes N             Refuse larger request bodies with 413 (default ${DEFAULT_MAX_BODY_BYTES})
  --log.level LEVEL                  debug, info, warn or error (default info)
  -h, --help                         Show this help

SIGHUP and POST /-/reload reload the configuration; SIGINT and SIGTERM stop Klaxon cleanly.
`;

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export interface ServeOptions {
  configFile: string;
  storagePath: string;
  storageSync: Synchronous;
  host: string;
  port: number;
  /** Undefined: `http://<hostname>:<bound port>/`. */
  externalURL?: string;
  retention: number;
  auth: HttpAuth;
  maxBodyBytes: number;
  logLevel: LogLevel;
}

export const serveCommand: Subcommand = {
  name: 'serve',
  summary: 'Run the alert manager: the Alertmanager API v2 with a durable store',
  help: HELP,
  async run(args: string[], io: CliIO): Promise<number> {
    const options = parseServeArgs(args);
    if (options === 'help') {
      io.stdout(HELP);
      return 0;
    }
    const log = levelFiltered(logfmtLogger(io.stderr, serveClock.now), options.logLevel);
    const running = await startServing(options, log);
    if (!running) return 1;
    return await untilStopped(running, log);
  },
};

/** The options, or 'help'; throws UsageError for a bad flag value. */
export function parseServeArgs(args: string[]): ServeOptions | 'help' {
  const parsed = parseCommandArgs(
    args,
    {
      'config.file': { type: 'string', default: 'alertmanager.yml' },
      'storage.path': { type: 'string', default: 'data/' },
      'storage.sync': { type: 'string', default: 'normal' },
      'web.listen-address': { type: 'string', default: '127.0.0.1:9093' },
      'web.external-url': { type: 'string' },
      'data.retention': { type: 'string', default: '120h' },
      'web.auth.bearer-token-file': { type: 'string' },
      'web.auth.basic-user': { type: 'string' },
      'web.auth.basic-password-file': { type: 'string' },
      'web.max-body-bytes': { type: 'string', default: String(DEFAULT_MAX_BODY_BYTES) },
      'log.level': { type: 'string', default: 'info' },
    },
    { positionals: false },
  );
  if (parsed === 'help') return 'help';
  const { values } = parsed;
  const { host, port } = parseListenAddress(values['web.listen-address']);
  const externalURL = values['web.external-url'];
  if (externalURL !== undefined) checkExternalURL(externalURL);
  const retention = parseGoDuration(values['data.retention']);
  if (retention.error !== undefined) throw new UsageError(`invalid --data.retention: ${retention.error}`);
  const maxBodyBytes = Number(values['web.max-body-bytes']);
  if (!/^[0-9]+$/.test(values['web.max-body-bytes']) || maxBodyBytes < 1) throw new UsageError('--web.max-body-bytes must be a positive number of bytes');
  const storageSync = values['storage.sync'];
  if (storageSync !== 'normal' && storageSync !== 'full') throw new UsageError('--storage.sync must be normal or full');
  const logLevel = values['log.level'] as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new UsageError(`--log.level must be one of ${LOG_LEVELS.join(', ')}`);
  return {
    configFile: values['config.file'],
    storagePath: values['storage.path'],
    storageSync,
    host,
    port,
    externalURL,
    retention: retention.ms,
    auth: readAuth(values['web.auth.bearer-token-file'], values['web.auth.basic-user'], values['web.auth.basic-password-file']),
    maxBodyBytes,
    logLevel,
  };
}

interface Serving {
  server: RunningHttpServer;
  manager: AlertManager;
}

/** Listens, starts the alert manager and routes to it; undefined (with the reason logged) when it cannot. */
async function startServing(options: ServeOptions, log: Logger): Promise<Serving | undefined> {
  log('info', 'Starting Klaxon', { version: KLAXON_VERSION, config: options.configFile, storage: options.storagePath });
  const router = new Router();
  let server: RunningHttpServer;
  try {
    server = await serveHttp({ router, host: options.host, port: options.port, auth: options.auth, log: (message) => log('error', message) });
  } catch (error) {
    log('error', 'Listen error', { address: `${options.host}:${options.port}`, err: (error as Error).message });
    return undefined;
  }
  const externalURL = options.externalURL ?? `http://${hostname()}:${new URL(server.url).port}/`;
  let manager: AlertManager;
  try {
    manager = await AlertManager.start({
      configFile: options.configFile,
      clock: serveClock,
      storagePath: options.storagePath,
      storeOptions: { synchronous: options.storageSync },
      externalURL,
      retention: options.retention,
      log,
    });
  } catch (error) {
    log('error', 'Failed to start', { err: (error as Error).message.split('\n').join('; ') });
    await server.close();
    return undefined;
  }
  createApiRouter({ manager, maxBodyBytes: options.maxBodyBytes, log }, routePrefixOf(externalURL), router);
  log('info', 'Listening', { address: server.url, externalURL, auth: options.auth.bearerToken !== undefined || options.auth.basic !== undefined });
  return { server, manager };
}

/** Serves until SIGINT or SIGTERM, reloading on SIGHUP; resolves to the exit status. */
function untilStopped({ server, manager }: Serving, log: Logger): Promise<number> {
  return new Promise((resolve) => {
    const reload = () => {
      // Failures are logged by the manager; the running configuration stays.
      manager.reloadFromFile().catch(() => undefined);
    };
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGHUP', reload);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      log('info', `Received ${signal}, exiting gracefully...`);
      void (async () => {
        await server.close();
        await manager.close();
        log('info', 'Stopped');
        resolve(0);
      })();
    };
    process.on('SIGHUP', reload);
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Go's host:port; an empty host listens on every interface, as Alertmanager does. */
export function parseListenAddress(address: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]*)\]|([^:[\]]*)):([0-9]+)$/.exec(address);
  const port = Number(match?.[3]);
  if (!match || port > 65_535) throw new UsageError(`invalid --web.listen-address ${JSON.stringify(address)}: expected host:port`);
  const host = match[1] ?? match[2] ?? '';
  return { host: host === '' ? '0.0.0.0' : host, port };
}

function checkExternalURL(text: string): void {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`invalid --web.external-url ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`invalid --web.external-url ${JSON.stringify(text)}: only 'http' and 'https' are supported`);
  }
}

/** Reads the secrets once; never echoes them. */
function readAuth(tokenFile: string | undefined, user: string | undefined, passwordFile: string | undefined): HttpAuth {
  const auth: HttpAuth = {};
  if (tokenFile !== undefined) auth.bearerToken = readSecret(tokenFile, '--web.auth.bearer-token-file');
  if ((user === undefined) !== (passwordFile === undefined)) {
    throw new UsageError('--web.auth.basic-user and --web.auth.basic-password-file go together');
  }
  if (user !== undefined && passwordFile !== undefined) {
    if (user === '' || user.includes(':')) throw new UsageError('--web.auth.basic-user must be non-empty and without ":"');
    auth.basic = { user, password: readSecret(passwordFile, '--web.auth.basic-password-file') };
  }
  return auth;
}

function readSecret(file: string, flag: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${flag} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const secret = text.replace(/\r?\n$/, '');
  if (secret === '') throw new UsageError(`${flag} ${file} is empty`);
  return secret;
}

function levelFiltered(log: Logger, minimum: LogLevel): Logger {
  const rank = LOG_LEVELS.indexOf(minimum);
  return (level, message, fields) => {
    if (LOG_LEVELS.indexOf(level) >= rank) log(level, message, fields);
  };
}
