/**
 * Where the actions of a template are, without lexing it: each `{{` up to the first `}}` after it
 * outside quoted strings. That is where Go's lexer ends an action, unless the action is a comment
 * (which may hold `}}`) or a quote or the action is left open: then there is no answer.
 */

/**
 * The start (at `{{`) and end (after `}}`) of every action, in pairs, written into `spans` from its
 * start, for callers that reuse one array (emptying it would free its storage): returns how many
 * numbers it wrote, or -1 when unsure. The entries past those are left as they were.
 */
export function writeActionSpans(text: string, spans: number[]): number {
  let count = 0;
  for (let start = text.indexOf('{{'); start >= 0; start = text.indexOf('{{', spans[count - 1]!)) {
    let at = start + 2;
    if (text.startsWith('/*', at) || text.startsWith('- /*', at)) return -1;
    for (;;) {
      const c = text.charCodeAt(at);
      if (c === 125 /* '}' */ && text.charCodeAt(at + 1) === 125) break;
      if (c === 34 /* '"' */ || c === 39 /* "'" */) at = quotedEnd(text, at, c);
      else if (c === 96 /* '`' */) at = text.indexOf('`', at + 1);
      if (at < 0 || at >= text.length) return -1;
      at++;
    }
    spans[count++] = start;
    spans[count++] = at + 2;
  }
  return count;
}

/** The offset of the quote that closes the string or character at `at`; -1 when it does not close on its line. */
function quotedEnd(text: string, at: number, quote: number): number {
  for (let p = at + 1; p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (c === quote) return p;
    if (c === 10) return -1;
    if (c === 92 /* '\\' */) p++;
  }
  return -1;
}
