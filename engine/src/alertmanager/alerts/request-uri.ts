/**
 * Whether a string passes go-openapi's `uri` format, which is Go's url.ParseRequestURI: an
 * absolute URI (`scheme:...`) or an absolute path, no control characters, well-formed `%`
 * escapes, and a plausible host and numeric port after `//`. Close to Go's rules, not all of them.
 */

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const CONTROL = /[\x00-\x1f\x7f]/;
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
const HOST_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=%]*$/;

export function isRequestUri(text: string): boolean {
  if (CONTROL.test(text)) return false;
  if (text === '*') return true;
  const scheme = SCHEME.exec(text)?.[0];
  let rest = scheme ? text.slice(scheme.length) : text;
  if (!scheme && (text.startsWith(':') || !rest.startsWith('/'))) return false;
  if (scheme && !rest.startsWith('/')) return true;
  rest = rest.split('?')[0]!;
  if (rest.startsWith('//')) {
    const authorityEnd = rest.indexOf('/', 2);
    const authority = rest.slice(2, authorityEnd < 0 ? undefined : authorityEnd);
    if (!isValidAuthority(authority)) return false;
    rest = authorityEnd < 0 ? '' : rest.slice(authorityEnd);
  }
  return !BAD_ESCAPE.test(rest);
}

function isValidAuthority(authority: string): boolean {
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    return close > 0 && /^(?::\d*)?$/.test(host.slice(close + 1));
  }
  const colon = host.lastIndexOf(':');
  const name = colon < 0 ? host : host.slice(0, colon);
  const port = colon < 0 ? '' : host.slice(colon + 1);
  return HOST_CHARS.test(name) && !BAD_ESCAPE.test(name) && /^\d*$/.test(port);
}
