/**
 * The two scalar types of unit-test files that promtool decodes with yaml.v2 and YAML 1.1
 * resolution: booleans (`yes`, `on`, `true`…) and float64 values (`.nan`, `.inf`, `0x1F`,
 * `1_000`, `1e3`; a quoted or other non-numeric scalar is an error). Null is the zero value.
 */
import type { GoValueReader } from '../../yaml/go-values.js';
import { describeNode, isIndicatedString, isNull, type YamlNode } from '../../yaml/tree.js';

const TRUE_WORDS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE_WORDS = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);

export function readBool(read: GoValueReader, node: YamlNode | undefined, what: string): boolean {
  if (!node || isNull(node)) return false;
  if (node.kind === 'scalar' && !isIndicatedString(node)) {
    if (TRUE_WORDS.has(node.text)) return true;
    if (FALSE_WORDS.has(node.text)) return false;
  }
  read.report(`${what} must be true or false, not ${describeNode(node)}`, node.range);
  return false;
}

export function readFloat(read: GoValueReader, node: YamlNode | undefined, what: string): number {
  if (!node || isNull(node)) return 0;
  const value = node.kind === 'scalar' && !isIndicatedString(node) ? yamlV2Float(node.text) : undefined;
  if (value !== undefined) return value;
  read.report(`${what} must be a number (NaN and infinities are written .nan, .inf and -.inf), not ${describeNode(node)}`, node.range);
  return 0;
}

const SPECIAL_FLOATS: Record<string, number> = {
  '.nan': NaN,
  '.NaN': NaN,
  '.NAN': NaN,
  '.inf': Infinity,
  '.Inf': Infinity,
  '.INF': Infinity,
  '+.inf': Infinity,
  '+.Inf': Infinity,
  '+.INF': Infinity,
  '-.inf': -Infinity,
  '-.Inf': -Infinity,
  '-.INF': -Infinity,
};

/**
 * A plain scalar's number under yaml.v2's resolution, or undefined if it is not one: the
 * special words above; text starting with a digit or sign, without `_`, read as Go's
 * strconv.ParseInt(s, 0, 64) or else strconv.ParseFloat; `0b` binary.
 */
export function yamlV2Float(text: string): number | undefined {
  if (text in SPECIAL_FLOATS) return SPECIAL_FLOATS[text];
  if (!/^[-+0-9]/.test(text)) return /^\.[0-9]/.test(text) ? goParseFloat(text) : undefined;
  const plain = text.replaceAll('_', '');
  const int = /^([-+]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(plain);
  if (int) {
    const digits = /^0[0-7]+$/.test(int[2]!) ? `0o${int[2]!.slice(1)}` : int[2]!;
    const value = BigInt(digits);
    if (value < 2n ** 63n) return Number(int[1] === '-' ? -value : value);
  }
  const float = goParseFloat(plain);
  if (float !== undefined) return float;
  const binary = /^([-+]?)0b([01]+)$/.exec(plain);
  return binary ? Number(BigInt(`0b${binary[2]}`)) * (binary[1] === '-' ? -1 : 1) : undefined;
}

/** Go's strconv.ParseFloat(s, 64) for decimal text and the words inf, infinity and nan. */
function goParseFloat(text: string): number | undefined {
  const word = /^([-+]?)(inf|infinity|nan)$/i.exec(text);
  if (word) return word[2]!.toLowerCase() === 'nan' ? NaN : word[1] === '-' ? -Infinity : Infinity;
  if (!/^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/.test(text)) return undefined;
  return Number(text);
}
