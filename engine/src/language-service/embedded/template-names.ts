/**
 * Names of Go templates in a template text: `{{ define "x" }}` and `{{ block "x" . }}` define
 * them, `{{ template "x" . }}` uses them. Read with the template lexer, so that they are found in
 * any text that lexes, even one that does not parse.
 */
import { lex } from '../../template/lexer.js';
import { goUnquote } from '../../text/go-quote.js';

export interface TemplateNameUse {
  name: string;
  /** Defines (`define`, `block`) or uses (`template`). */
  defines: boolean;
  /** The name's characters inside its quotes, as offsets into the text. */
  start: number;
  end: number;
}

export function templateNameUses(text: string): TemplateNameUse[] {
  if (!text.includes('{{')) return [];
  const tokens = lex(text, { breakOK: true, continueOK: true }).filter((t) => t.kind !== 'space');
  const uses: TemplateNameUse[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const keyword = tokens[i]!.kind;
    const literal = tokens[i + 1]!;
    if ((keyword !== 'define' && keyword !== 'block' && keyword !== 'template') || (literal.kind !== 'string' && literal.kind !== 'rawString')) continue;
    let name: string;
    try {
      name = goUnquote(literal.text);
    } catch {
      continue;
    }
    if (literal.text.length !== name.length + 2) continue; // escapes: no one-to-one place for the name
    uses.push({ name, defines: keyword !== 'template', start: literal.start + 1, end: literal.end - 1 });
  }
  return uses;
}
