/**
 * The checks Go's net/url.Parse makes, which Alertmanager's URL fields rely on, and
 * Alertmanager's own rule on top (http or https, with a host). Messages are Go's, without the
 * `parse "<url>":` prefix, so that callers can leave out URLs that hold secrets.
 */

export interface GoUrl {
  scheme: string;
  host: string;
  path: string;
}

export type GoUrlParse = { url: GoUrl; error?: undefined } | { url?: undefined; error: string };

/** net/url.Parse. */
export function parseGoUrl(raw: string): GoUrlParse {
  const hash = raw.indexOf('#');
  const withoutFragment = hash >= 0 ? raw.slice(0, hash) : raw;
  if (hash >= 0) {
    const bad = badEscape(raw.slice(hash + 1));
    if (bad) return { error: bad };
  }
  if (/[\x00-\x1f\x7f]/.test(withoutFragment)) return { error: 'net/url: invalid control character in URL' };
  if (withoutFragment === '*') return { url: { scheme: '', host: '', path: '*' } };
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(withoutFragment);
  if (withoutFragment.startsWith(':')) return { error: 'missing protocol scheme' };
  const scheme = schemeMatch ? schemeMatch[1]!.toLowerCase() : '';
  let rest = schemeMatch ? withoutFragment.slice(schemeMatch[0].length) : withoutFragment;
  const query = rest.indexOf('?');
  if (query >= 0) rest = rest.slice(0, query);
  if (!rest.startsWith('/')) {
    if (scheme !== '') return { url: { scheme, host: '', path: '' } };
    const slash = rest.indexOf('/');
    const segment = slash >= 0 ? rest.slice(0, slash) : rest;
    if (segment.includes(':')) return { error: 'first path segment in URL cannot contain colon' };
  }
  let host = '';
  if (rest.startsWith('//') && (scheme !== '' || !rest.startsWith('///'))) {
    const authorityEnd = rest.indexOf('/', 2);
    const authority = authorityEnd >= 0 ? rest.slice(2, authorityEnd) : rest.slice(2);
    rest = authorityEnd >= 0 ? rest.slice(authorityEnd) : '';
    const parsed = parseAuthority(authority);
    if (parsed.error !== undefined) return { error: parsed.error };
    host = parsed.host;
  }
  const bad = badEscape(rest);
  if (bad) return { error: bad };
  return { url: { scheme, host, path: rest } };
}

/** Alertmanager's URL type: net/url.Parse, then an http(s) scheme and a host. */
export function parseAlertmanagerUrl(raw: string): GoUrlParse {
  const parsed = parseGoUrl(raw);
  if (parsed.error !== undefined) return parsed;
  if (parsed.url.scheme !== 'http' && parsed.url.scheme !== 'https') return { error: `unsupported scheme ${JSON.stringify(parsed.url.scheme)} for URL` };
  if (parsed.url.host === '') return { error: 'missing host for URL' };
  return parsed;
}

function parseAuthority(authority: string): { host: string; error?: undefined } | { host?: undefined; error: string } {
  const at = authority.lastIndexOf('@');
  const hostPart = at >= 0 ? authority.slice(at + 1) : authority;
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) return { error: 'net/url: invalid userinfo' };
    const bad = badEscape(userinfo);
    if (bad) return { error: bad };
  }
  return parseHost(hostPart);
}

function parseHost(host: string): { host: string; error?: undefined } | { host?: undefined; error: string } {
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) return { error: "missing ']' in host" };
    const colonPort = host.slice(close + 1);
    if (!/^(:[0-9]*)?$/.test(colonPort)) return { error: `invalid port ${JSON.stringify(colonPort)} after host` };
    return { host };
  }
  const colon = host.lastIndexOf(':');
  if (colon >= 0) {
    const colonPort = host.slice(colon);
    if (!/^:[0-9]*$/.test(colonPort)) return { error: `invalid port ${JSON.stringify(colonPort)} after host` };
  }
  const bad = badEscape(host);
  if (bad) return { error: bad };
  const invalid = /[^A-Za-z0-9\-._~!$&'()*+,;=:\[\]<>"%\u0080-\uffff]/.exec(host);
  if (invalid) return { error: `invalid character ${JSON.stringify(invalid[0])} in host name` };
  return { host };
}

/** Go's error for a malformed %-escape, or undefined. */
function badEscape(s: string): string | undefined {
  const bad = /%(?![0-9a-fA-F]{2})(.{0,2})/s.exec(s);
  return bad ? `invalid URL escape ${JSON.stringify(`%${bad[1]}`)}` : undefined;
}
