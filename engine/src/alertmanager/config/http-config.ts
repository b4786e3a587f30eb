/**
 * prometheus/common's HTTPClientConfig and TLSConfig as Alertmanager 0.25 (Debian's build, common
 * v0.39) reads them: basic_auth, authorization, oauth2, the legacy bearer_token, proxy_url and
 * proxy_connect_header, tls_config, with upstream's rules on which may be combined.
 */
import type { DecodedStruct, StructSchema } from './schema.js';

const TLS_VERSIONS = ['TLS13', 'TLS12', 'TLS11', 'TLS10'];

export const TLS_CONFIG: StructSchema = {
  what: 'a tls_config',
  fields: {
    ca_file: 'string',
    cert_file: 'string',
    key_file: 'string',
    server_name: 'string',
    insecure_skip_verify: 'bool',
    min_version: 'string',
    max_version: 'string',
  },
  laterFields: ['ca', 'cert', 'key'],
  check(tls) {
    for (const name of ['min_version', 'max_version']) {
      if (tls.has(name) && !TLS_VERSIONS.includes(tls.string(name))) tls.error(`unknown TLS version: ${tls.string(name)}`, name);
    }
  },
};

const BASIC_AUTH: StructSchema = {
  what: 'a basic_auth',
  fields: { username: 'string', password: 'secret', password_file: 'string' },
  laterFields: ['username_file'],
};

const AUTHORIZATION: StructSchema = {
  what: 'an authorization',
  fields: { type: 'string', credentials: 'secret', credentials_file: 'string' },
};

const OAUTH2: StructSchema = {
  what: 'an oauth2',
  fields: {
    client_id: 'string',
    client_secret: 'secret',
    client_secret_file: 'string',
    scopes: 'strings',
    token_url: 'string',
    endpoint_params: 'stringMap',
    proxy_url: 'commonUrl',
    tls_config: { struct: () => TLS_CONFIG, value: true },
  },
};

export const HTTP_CONFIG: StructSchema = {
  what: 'an http_config',
  fields: {
    basic_auth: { struct: () => BASIC_AUTH },
    authorization: { struct: () => AUTHORIZATION },
    oauth2: { struct: () => OAUTH2 },
    bearer_token: 'secret',
    bearer_token_file: 'string',
    proxy_url: 'commonUrl',
    proxy_connect_header: 'secretLists',
    tls_config: { struct: () => TLS_CONFIG, value: true },
    follow_redirects: 'bool',
    enable_http2: 'bool',
  },
  laterFields: ['no_proxy', 'proxy_from_environment', 'http_headers'],
  defaults: { follow_redirects: true, enable_http2: true },
  check: checkHttpConfig,
};

type Rec = Record<string, unknown>;

function record(value: unknown): Rec | undefined {
  return typeof value === 'object' && value !== null ? (value as Rec) : undefined;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** HTTPClientConfig.Validate: the first rule broken, as upstream reports only that one. */
function checkHttpConfig(http: DecodedStruct): void {
  const v = http.values;
  const basicAuth = record(v.basic_auth);
  const authorization = record(v.authorization);
  const oauth2 = record(v.oauth2);
  const bearer = text(v.bearer_token) !== '' || text(v.bearer_token_file) !== '';
  const fail = (message: string, at: string) => http.error(message, at);
  if (text(v.bearer_token) !== '' && text(v.bearer_token_file) !== '') return fail('at most one of bearer_token & bearer_token_file must be configured', 'bearer_token');
  if ((basicAuth || oauth2) && bearer) return fail('at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured', 'bearer_token');
  if (basicAuth && text(basicAuth.password) !== '' && text(basicAuth.password_file) !== '') return fail('at most one of basic_auth password & password_file must be configured', 'basic_auth');
  if (authorization) {
    if (bearer) return fail('authorization is not compatible with bearer_token & bearer_token_file', 'authorization');
    if (text(authorization.credentials) !== '' && text(authorization.credentials_file) !== '') return fail('at most one of authorization credentials & credentials_file must be configured', 'authorization');
    const type = text(authorization.type).trim() || 'Bearer';
    authorization.type = type;
    if (type.toLowerCase() === 'basic') return fail('authorization type cannot be set to "basic", use "basic_auth" instead', 'authorization');
    if (basicAuth || oauth2) return fail('at most one of basic_auth, oauth2 & authorization must be configured', 'authorization');
  } else if (bearer) {
    // Upstream turns the legacy fields into an authorization.
    v.authorization = text(v.bearer_token) !== '' ? { type: 'Bearer', credentials: v.bearer_token } : { type: 'Bearer', credentials_file: v.bearer_token_file };
    v.bearer_token = '';
    v.bearer_token_file = '';
  }
  if (oauth2) {
    if (basicAuth) return fail('at most one of basic_auth, oauth2 & authorization must be configured', 'oauth2');
    if (text(oauth2.client_id) === '') return fail('oauth2 client_id must be configured', 'oauth2');
    if (text(oauth2.client_secret) === '' && text(oauth2.client_secret_file) === '') return fail('either oauth2 client_secret or client_secret_file must be configured', 'oauth2');
    if (text(oauth2.token_url) === '') return fail('oauth2 token_url must be configured', 'oauth2');
    if (text(oauth2.client_secret) !== '' && text(oauth2.client_secret_file) !== '') return fail('at most one of oauth2 client_secret & client_secret_file must be configured', 'oauth2');
  }
  const headers = record(v.proxy_connect_header);
  if (headers && Object.keys(headers).length > 0 && text(v.proxy_url) === '') {
    fail('if proxy_connect_header is configured proxy_url must also be configured', 'proxy_connect_header');
  }
}

/** Whether a decoded http_config has an authorization (a legacy bearer_token counts). */
export function hasAuthorization(http: unknown): boolean {
  return record(record(http)?.authorization) !== undefined;
}
