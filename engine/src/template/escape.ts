/** The escapers of Go's text/template (`html`, `js`) and net/url's QueryEscape (`urlquery`). */
import { isPrint } from '../text/go-quote.js';
import { utf8Bytes } from '../text/utf8.js';

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '\0': '\ufffd',
  '"': '&#34;',
  "'": '&#39;',
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
};

/** template.HTMLEscapeString. */
export function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => HTML_ESCAPES[c]!);
}

const JS_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '<': '\\u003C',
  '>': '\\u003E',
  '&': '\\u0026',
  '=': '\\u003D',
};

/** template.JSEscapeString: quotes and markup characters escaped, controls and unprintable runes as `\uXXXX`. */
export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const escape = JS_ESCAPES[ch];
    if (escape) out += escape;
    else if (cp < 0x20) out += '\\u00' + cp.toString(16).toUpperCase().padStart(2, '0');
    else if (cp < 0x80 || isPrint(cp)) out += ch;
    else out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

const QUERY_SAFE = /[A-Za-z0-9\-_.~]/;

/** url.QueryEscape: spaces become `+`, everything but unreserved characters is percent-encoded. */
export function urlQueryEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch === ' ') out += '+';
    else if (QUERY_SAFE.test(ch)) out += ch;
    else for (const b of utf8Bytes(ch)) out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}
