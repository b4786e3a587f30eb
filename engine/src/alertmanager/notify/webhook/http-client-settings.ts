/**
 * The parts of an integration's `http_config` (prometheus/common HTTPClientConfig) that Klaxon
 * applies: basic_auth, authorization (and the legacy bearer_token), http_headers and
 * follow_redirects. Secret files are read at every send, as upstream does, so that rotated
 * credentials are picked up without a reload.
 */
import { readFile } from 'node:fs/promises';

export interface HttpClientSettings {
  basicAuth?: { username: string; usernameFile?: string; password: string; passwordFile?: string };
  authorization?: { type: string; credentials: string; credentialsFile?: string };
  headers: { name: string; values: string[]; files: string[] }[];
  followRedirects: boolean;
}

type Settings = Readonly<Record<string, unknown>>;

/** Reads `http_config` as decoded from YAML (snake_case keys); absent or malformed parts are left out. */
export function readHttpClientSettings(httpConfig: unknown): HttpClientSettings {
  const config = asRecord(httpConfig);
  const basic = asRecord(config.basic_auth);
  const authorization = asRecord(config.authorization);
  const bearerToken = text(config.bearer_token);
  const bearerTokenFile = text(config.bearer_token_file);
  return {
    basicAuth: config.basic_auth === undefined || config.basic_auth === null ? undefined : {
      username: text(basic.username) ?? '',
      usernameFile: text(basic.username_file),
      password: text(basic.password) ?? '',
      passwordFile: text(basic.password_file),
    },
    authorization: config.authorization !== undefined && config.authorization !== null
      ? { type: text(authorization.type) || 'Bearer', credentials: text(authorization.credentials) ?? '', credentialsFile: text(authorization.credentials_file) }
      : bearerToken !== undefined || bearerTokenFile !== undefined
        ? { type: 'Bearer', credentials: bearerToken ?? '', credentialsFile: bearerTokenFile }
        : undefined,
    headers: Object.entries(asRecord(config.http_headers)).map(([name, header]) => {
      const h = asRecord(header);
      return { name, values: [...texts(h.values), ...texts(h.secrets)], files: texts(h.files) };
    }),
    followRedirects: config.follow_redirects !== false,
  };
}

/** The request headers the settings call for, reading secret files now. */
export async function httpClientHeaders(settings: HttpClientSettings, read: (path: string) => Promise<string> = readText): Promise<Headers> {
  const headers = new Headers();
  for (const header of settings.headers) {
    for (const value of header.values) headers.append(header.name, value);
    for (const file of header.files) headers.append(header.name, (await read(file)).trim());
  }
  const { authorization, basicAuth } = settings;
  if (authorization) {
    const credentials = authorization.credentialsFile ? (await read(authorization.credentialsFile)).trim() : authorization.credentials;
    headers.set('Authorization', `${authorization.type} ${credentials}`);
  } else if (basicAuth) {
    const username = basicAuth.usernameFile ? (await read(basicAuth.usernameFile)).trim() : basicAuth.username;
    const password = basicAuth.passwordFile ? (await read(basicAuth.passwordFile)).trim() : basicAuth.password;
    headers.set('Authorization', `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`);
  }
  return headers;
}

function readText(path: string): Promise<string> {
  return readFile(path, 'utf8');
}

export function asRecord(value: unknown): Settings {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Settings) : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
