/**
 * Whether Go's time.LoadLocation would find a zone, judged by the IANA database that Intl knows:
 * its canonical names, `UTC` and `Local`, the links Intl accepts when spelt with IANA's
 * capitalisation (Intl ignores case, the zoneinfo files Go reads do not), and the other files of
 * a zoneinfo directory.
 */
let canonical: ReadonlySet<string> | undefined;

function canonicalZones(): ReadonlySet<string> {
  canonical ??= new Set(Intl.supportedValuesOf('timeZone'));
  return canonical;
}

/** Every path segment of an IANA name starts with a capital letter (`America/Port-au-Prince`, `Etc/GMT+5`, `EST`). */
const IANA_SPELLING = /^[A-Z][A-Za-z0-9_+-]*(\/[A-Z][A-Za-z0-9_+-]*)*$/;

/** The message Go gives for an unknown zone, or undefined when `name` loads. */
export function timeZoneError(name: string): string | undefined {
  if (name === '' || name === 'UTC' || name === 'Local') return undefined;
  if (name.startsWith('/') || name.startsWith('\\') || name.split(/[/\\]/).includes('..')) return 'time: invalid location name';
  return isZoneFile(name.replace(/^(posix|right)\//, '')) ? undefined : `unknown time zone ${name}`;
}

/** Zoneinfo also has `posix/` and `right/` copies of the zones, and a few files that are not zones. */
const OTHER_ZONE_FILES = new Set(['Factory', 'localtime', 'posixrules']);

function isZoneFile(name: string): boolean {
  return canonicalZones().has(name) || OTHER_ZONE_FILES.has(name) || (IANA_SPELLING.test(name) && intlAccepts(name));
}

function intlAccepts(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
