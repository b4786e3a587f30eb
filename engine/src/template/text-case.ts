/**
 * Go's strings.ToUpper and strings.ToLower (one code point to one code point, no special casing
 * such as ß → SS), and the `title` function Prometheus builds from x/text/cases: the first letter
 * of every word upper-cased, the rest left as they are.
 */

/** Title-case forms where they differ from upper case: the Latin digraphs. */
const TITLE_CASE: Readonly<Record<string, string>> = {
  'Ǆ': 'ǅ', 'ǅ': 'ǅ', 'ǆ': 'ǅ', 'Ǉ': 'ǈ', 'ǈ': 'ǈ', 'ǉ': 'ǈ', 'Ǌ': 'ǋ', 'ǋ': 'ǋ', 'ǌ': 'ǋ', 'Ǳ': 'ǲ', 'ǲ': 'ǲ', 'ǳ': 'ǲ',
};

/** Lower-case forms that JavaScript maps to more than one code point and Go to one. */
const LOWER_CASE: Readonly<Record<string, string>> = { 'İ': 'i' };

function mapSingle(ch: string, mapped: string): string {
  return [...mapped].length === 1 ? mapped : ch;
}

export function goToUpper(s: string): string {
  let out = '';
  for (const ch of s) out += mapSingle(ch, ch.toUpperCase());
  return out;
}

export function goToLower(s: string): string {
  let out = '';
  for (const ch of s) out += LOWER_CASE[ch] ?? mapSingle(ch, ch.toLowerCase());
  return out;
}

const WORD_PART = /[\p{L}\p{M}\p{Nd}_]/u;
const LETTER = /\p{L}/u;

export function goTitle(s: string): string {
  let out = '';
  let inWord = false;
  for (const ch of s) {
    if (!inWord && LETTER.test(ch)) out += TITLE_CASE[ch] ?? mapSingle(ch, ch.toUpperCase());
    else out += ch;
    inWord = WORD_PART.test(ch);
  }
  return out;
}
