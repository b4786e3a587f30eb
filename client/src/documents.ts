/** Which documents the language server is given. */
import type { DocumentSelector } from 'vscode-languageclient';

/**
 * Every YAML file (the server ignores YAML that is not a rule file, an Alertmanager config or a
 * unit-test file) and promqltest scripts. YAML keeps its language id so other YAML tooling works.
 */
export const DOCUMENT_SELECTOR: DocumentSelector = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'untitled', language: 'yaml' },
  { scheme: 'file', language: 'promqltest' },
  { scheme: 'untitled', language: 'promqltest' },
];

/** Files the server reads besides open documents: rule files named by unit tests, templates. */
export const WATCHED_FILES = '**/*.{yml,yaml,test,tmpl}';
