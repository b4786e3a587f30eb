/**
 * The three ways a config writes matchers: `match` (label → value), `match_re` (label → regex,
 * anchored) and `matchers` (a list of matcher strings in the classic syntax, which is what
 * Alertmanager 0.25 parses them with). Problems inside a matcher string point into the string.
 */
import { Matcher, RegexSyntaxError } from '../../labels/matcher.js';
import { relocateProblems, scalarOffsets, locatedScalar } from '../../yaml/scalar-offsets.js';
import { isNull, type YamlNode } from '../../yaml/tree.js';
import { problem } from '../../errors.js';
import { parseMatchersWithNote, MatcherParseError } from '../matchers/parse.js';
import { parseUtf8Matchers } from '../matchers/utf8-parser.js';
import { formatMatcher } from '../matchers/format-matchers.js';
import { SOURCE, type ConfigReader } from './config-reader.js';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function isClassicLabelName(name: string): boolean {
  return LABEL_NAME.test(name);
}

/** `match`/`source_match`: equality matchers. */
export function readMatchMap(reader: ConfigReader, node: YamlNode, what: string): Matcher[] {
  return reader.stringMap(node, what).flatMap(({ name, value, field }) => {
    if (!isClassicLabelName(name)) {
      reader.error(`invalid label name ${JSON.stringify(name)}`, field.key.range);
      return [];
    }
    return [new Matcher(name, '=', value, { dotAll: false })];
  });
}

/** `match_re`/`source_match_re`: regex matchers, valued `^(?:re)$` as upstream prints them. */
export function readMatchReMap(reader: ConfigReader, node: YamlNode, what: string): Matcher[] {
  const map = reader.mapping(node, what);
  if (!map) return [];
  const matchers: Matcher[] = [];
  for (const field of reader.pairs(map)) {
    const name = reader.string(field.key, `a key of ${what}`);
    if (!isClassicLabelName(name)) {
      reader.error(`invalid label name ${JSON.stringify(name)}`, field.key.range);
      continue;
    }
    if (isNull(field.value)) {
      reader.error(`invalid regexp value for ${JSON.stringify(name)}`, field.value.range);
      continue;
    }
    const pattern = reader.string(field.value, `the value of "${name}" in ${what}`);
    if (field.value.kind !== 'scalar') continue;
    try {
      matchers.push(new Matcher(name, '=~', `^(?:${pattern})$`, { dotAll: false }));
    } catch (e) {
      if (!(e instanceof RegexSyntaxError)) throw e;
      reader.error(e.message, field.value.range);
    }
  }
  return matchers;
}

/** `matchers`/`source_matchers`: each string holds one or more matchers. */
export function readMatcherList(reader: ConfigReader, node: YamlNode, what: string): Matcher[] {
  const matchers: Matcher[] = [];
  for (const { value, node: item } of reader.strings(node, what)) {
    if (item.kind !== 'scalar') continue;
    try {
      const parsed = parseMatchersWithNote(value, 'classic');
      matchers.push(...parsed.matchers);
      noteUtf8Incompatibility(reader, value, item, parsed.matchers);
    } catch (e) {
      if (!(e instanceof MatcherParseError)) throw e;
      reader.problems.push(...relocate(reader, e, item));
    }
  }
  return matchers;
}

/** Alertmanager 0.27+ parses matchers with its UTF-8 parser first and logs when it must fall back. */
function noteUtf8Incompatibility(reader: ConfigReader, value: string, item: YamlNode, matchers: readonly Matcher[]): void {
  try {
    parseUtf8Matchers(value);
  } catch (e) {
    if (!(e instanceof MatcherParseError)) throw e;
    const suggestion = matchers.map(formatMatcher).join(',');
    const message = `Alertmanager 0.27 and later read this with their classic parser only as a fallback (${e.message}); write it as ${JSON.stringify(suggestion)}`;
    reader.problems.push(...relocate(reader, new MatcherParseError(message, e.range), item, 'info'));
  }
}

function relocate(reader: ConfigReader, error: MatcherParseError, item: YamlNode, severity: 'error' | 'info' = 'error') {
  const text = reader.sourceText;
  const offsets = item.kind === 'scalar' ? scalarOffsets(locatedScalar(item), text) : [item.range.start];
  return relocateProblems([problem(error.message, error.range, SOURCE, severity)], offsets);
}
