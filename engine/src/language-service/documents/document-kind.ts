/**
 * Which kind of file a document is. Settings globs pin a kind; otherwise promqltest scripts are
 * told by their `.test` extension, templates by `.tmpl`, and YAML by its top-level keys
 * (check/file-kind.ts), with a stricter bar than `klaxon check` sets: the editor sees every YAML
 * file of the workspace, so a file must have a key that only that kind has.
 */
import { detectFileKind } from '../../check/file-kind.js';
import type { DocumentKind, LanguageSettings } from '../service-types.js';
import { matchesGlob } from './glob-match.js';
import { uriBaseName, uriToPath } from './uri-path.js';

const DEFINING_KEYS: Record<'rules' | 'unit-test' | 'alertmanager', RegExp> = {
  rules: /^["']?groups["']?[ \t]*:(?=\s|$)/m,
  'unit-test': /^["']?(?:tests|rule_files)["']?[ \t]*:(?=\s|$)/m,
  alertmanager: /^["']?(?:route|receivers)["']?[ \t]*:(?=\s|$)/m,
};

export function detectDocumentKind(uri: string, text: string, settings: LanguageSettings, folders: readonly string[]): DocumentKind | undefined {
  const pinned = pinnedKind(uri, settings, folders);
  if (pinned) return pinned;
  const name = uriBaseName(uri);
  if (/\.test$/i.test(name)) return 'promql-test';
  if (/\.tmpl$/i.test(name)) return 'template';
  if (!/\.ya?ml$/i.test(name) && !uri.startsWith('untitled:')) return undefined;
  const kind = detectFileKind(text);
  return DEFINING_KEYS[kind].test(text) ? kind : undefined;
}

function pinnedKind(uri: string, settings: LanguageSettings, folders: readonly string[]): DocumentKind | undefined {
  const globs = settings.fileKinds;
  const path = uriToPath(uri);
  if (!globs || path === undefined) return undefined;
  const pins: [DocumentKind, string[] | undefined][] = [['rules', globs.rules], ['alertmanager', globs.alertmanager], ['unit-test', globs.unitTests]];
  for (const [kind, patterns] of pins) {
    if (patterns?.some((p) => matchesGlob(path, p, folders))) return kind;
  }
  return undefined;
}
