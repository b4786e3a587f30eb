/** Go's net.SplitHostPort, net.JoinHostPort and net.ParseIP, for stripPort and stripDomain. */

export function splitHostPort(hostPort: string): { host: string; port: string } | undefined {
  const i = hostPort.lastIndexOf(':');
  if (i < 0) return undefined;
  let host: string;
  let from = 0;
  let closeFrom = 0;
  if (hostPort.startsWith('[')) {
    const end = hostPort.indexOf(']');
    if (end < 0 || end + 1 !== i) return undefined;
    host = hostPort.slice(1, end);
    from = 1;
    closeFrom = end + 1;
  } else {
    host = hostPort.slice(0, i);
    if (host.includes(':')) return undefined;
  }
  if (hostPort.indexOf('[', from) >= 0 || hostPort.indexOf(']', closeFrom) >= 0) return undefined;
  return { host, port: hostPort.slice(i + 1) };
}

export function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

const IPV4_OCTET = /^(?:0|[1-9][0-9]{0,2})$/;

function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => IPV4_OCTET.test(p) && Number(p) <= 255);
}

function isIPv6(s: string): boolean {
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const all = [...head, ...tail];
  let count = all.length;
  const last = all.at(-1);
  if (last !== undefined && last.includes('.')) {
    if (!isIPv4(last)) return false;
    all.pop();
    count++;
  }
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? count < 8 : count === 8;
}

/** Whether net.ParseIP accepts `s`. */
export function isIP(s: string): boolean {
  return isIPv4(s) || (s.includes(':') && isIPv6(s));
}
