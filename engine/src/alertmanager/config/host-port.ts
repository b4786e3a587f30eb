/** Alertmanager's HostPort (`smtp_smarthost`, `smarthost`): Go's net.SplitHostPort, and a port. */

/** The error message upstream gives, or undefined when `text` is empty or a valid host:port. */
export function hostPortError(text: string): string | undefined {
  if (text === '') return undefined;
  const split = splitHostPort(text);
  if (split.error !== undefined) return `address ${text}: ${split.error}`;
  if (split.port === '') return `address ${JSON.stringify(text)}: port cannot be empty`;
  return undefined;
}

function splitHostPort(s: string): { port: string; error?: undefined } | { port?: undefined; error: string } {
  const colon = s.lastIndexOf(':');
  if (colon < 0) return { error: 'missing port in address' };
  let hostEnd = colon;
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close < 0) return { error: "missing ']' in address" };
    if (close + 1 === s.length) return { error: 'missing port in address' };
    if (close + 1 !== colon) return { error: s[close + 1] === ':' ? 'too many colons in address' : 'missing port in address' };
    hostEnd = close;
    if (s.slice(1, hostEnd).includes('[')) return { error: "unexpected '[' in address" };
  } else {
    const host = s.slice(0, colon);
    if (host.includes(':')) return { error: 'too many colons in address' };
    if (host.includes('[')) return { error: "unexpected '[' in address" };
    if (host.includes(']')) return { error: "unexpected ']' in address" };
  }
  const port = s.slice(colon + 1);
  if (port.includes('[')) return { error: "unexpected '[' in address" };
  if (port.includes(']')) return { error: "unexpected ']' in address" };
  return { port };
}
