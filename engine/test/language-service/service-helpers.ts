/** A language service with documents, and fixture text with a `<|>` cursor marker. */
import { LanguageService, type LanguageServiceOptions } from '../../src/language-service/index.js';

export const CURSOR = '<|>';

export function withCursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf(CURSOR);
  if (offset < 0) throw new Error('no <|> in the fixture');
  return { text: marked.slice(0, offset) + marked.slice(offset + CURSOR.length), offset };
}

/** A service with the given documents open (URIs under file:///ws/) and the cursor's document and offset. */
export function serviceWith(files: Record<string, string>, options: LanguageServiceOptions = {}): { service: LanguageService; uri: string; offset: number; text: string } {
  const service = new LanguageService({ readFile: () => { throw new Error('no such file'); }, ...options });
  service.configure({}, ['/ws']);
  let cursor = { uri: '', offset: -1, text: '' };
  for (const [name, content] of Object.entries(files)) {
    const uri = `file:///ws/${name}`;
    if (content.includes(CURSOR)) {
      const { text, offset } = withCursor(content);
      cursor = { uri, offset, text };
      service.setDocument(uri, 1, text);
    } else service.setDocument(uri, 1, content);
  }
  return { service, ...cursor };
}

/** The text a range covers. */
export function slice(text: string, range: { start: number; end: number }): string {
  return text.slice(range.start, range.end);
}

export { ALERTMANAGER, RULES, TEMPLATES, UNIT_TEST } from './fixture-texts.js';
