/**
 * Explicit standard tags on scalars, as Go's yaml packages (v2 and v3) decode them: a `!!binary`
 * scalar is base64 and decodes to the text of its bytes; `!!bool`, `!!int`, `!!float`, `!!null` and
 * `!!timestamp` must fit the scalar's text (`!!float` takes an integer too), or decoding the file
 * fails. The packages differ on booleans: for yaml.v2, `yes`, `on`, `y` and their opposites are
 * booleans too, so `!!bool yes` fits; yaml.v3 takes only `true` and `false`. Prometheus reads rule
 * files with yaml.v3, promtool's unit tests and Alertmanager's configuration with yaml.v2.
 */

/** Which of Go's yaml packages a file is read as. */
export type GoYaml = 'yaml.v2' | 'yaml.v3';

/** What a tag does to a scalar: its decoded text, or why the file does not decode. */
export type TagEffect = { text: string } | { error: string };

const STANDARD_TAG_PREFIX = 'tag:yaml.org,2002:';

type ResolvedKind = 'bool' | 'int' | 'float' | 'null' | 'timestamp' | 'str';
const CHECKED_KINDS: ReadonlySet<string> = new Set<ResolvedKind>(['bool', 'int', 'float', 'null', 'timestamp']);

/** The standard tags that Go decodes by their own rules; the `yaml` package's doubts about them do not apply. */
export const GO_DECODED_TAGS: ReadonlySet<string> = new Set([...CHECKED_KINDS, 'binary'].map((kind) => STANDARD_TAG_PREFIX + kind));

const V3_WORDS = new Map<string, ResolvedKind>([
  ...wordsOf('bool', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE'),
  ...wordsOf('null', '', '~', 'null', 'Null', 'NULL'),
  ...wordsOf('float', '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF'),
]);
const WORDS: Readonly<Record<GoYaml, ReadonlyMap<string, ResolvedKind>>> = {
  'yaml.v3': V3_WORDS,
  'yaml.v2': new Map([...V3_WORDS, ...wordsOf('bool', 'y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF')]),
};

function wordsOf(kind: ResolvedKind, ...words: string[]): [string, ResolvedKind][] {
  return words.map((word) => [word, kind]);
}

/** The first characters with which a scalar may resolve to something other than a string. */
const MAY_RESOLVE = /^[-+0-9yYnNtTfFoO~.]/;
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** The effect of `tag` (as the `yaml` package names it) on a scalar with `text`, read as `goYaml` reads it; undefined when it has none. */
export function goTagEffect(tag: string, text: string, goYaml: GoYaml): TagEffect | undefined {
  if (!tag.startsWith(STANDARD_TAG_PREFIX)) return undefined;
  const kind = tag.slice(STANDARD_TAG_PREFIX.length);
  if (kind === 'binary') {
    const decoded = decodeBase64(text);
    return decoded === undefined ? { error: '!!binary value contains invalid base64 data' } : { text: decoded };
  }
  if (!CHECKED_KINDS.has(kind)) return undefined;
  const resolved = resolvedKind(text, kind === 'timestamp', WORDS[goYaml]);
  if (resolved === kind || (kind === 'float' && resolved === 'int')) return undefined;
  return { error: `cannot decode !!${resolved} \`${text}\` as a !!${kind}` };
}

/** What a scalar's text resolves to, ignoring its tag; timestamps only when asked for. */
function resolvedKind(text: string, timestamps: boolean, words: ReadonlyMap<string, ResolvedKind>): ResolvedKind {
  if (text !== '' && !MAY_RESOLVE.test(text)) return 'str';
  const word = words.get(text);
  if (word) return word;
  if (text[0] === '.') return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text) ? 'float' : 'str';
  if (!/^[-+0-9]/.test(text)) return 'str';
  if (timestamps && isTimestamp(text)) return 'timestamp';
  const plain = text.replaceAll('_', '');
  if (fitsGoInteger(plain)) return 'int';
  return YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain)) ? 'float' : 'str';
}

/** Whether Go's strconv.ParseInt(s, 0, 64) or, unsigned, ParseUint(s, 0, 64) accepts `s`. */
function fitsGoInteger(s: string): boolean {
  const value = goParseInteger(s);
  if (value === undefined) return false;
  return (value >= -(2n ** 63n) && value < 2n ** 63n) || (/^[0-9]/.test(s) && value < 2n ** 64n);
}

/** An integer in Go's base-0 syntax (0x, 0o, 0b, and 0 for octal) before any range check. */
export function goParseInteger(s: string): bigint | undefined {
  const match = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!match) return undefined;
  const digits = /^0[0-7]+$/.test(match[2]!) ? `0o${match[2]!.slice(1)}` : match[2]!;
  const value = BigInt(digits);
  return match[1] === '-' ? -value : value;
}

/** The timestamp forms yaml.v3 reads: a date, with a time and a zone after `T`, or a time after a space. */
function isTimestamp(text: string): boolean {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[-+]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?))?$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const [hour, minute, second] = (match[4] !== undefined ? match.slice(4, 7) : match.slice(7, 10)).map((part) => Number(part ?? 0));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour! < 24 && minute! < 60 && second! < 60;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Go's base64.StdEncoding: padding required, line breaks ignored; the bytes read as UTF-8. */
function decodeBase64(text: string): string | undefined {
  const compact = text.replace(/[\r\n]/g, '');
  if (!BASE64.test(compact)) return undefined;
  const binary = atob(compact);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}
