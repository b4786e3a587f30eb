/**
 * The documents the service knows: those open in the editor (their text as typed) and the other
 * files of the workspace (as on disk), each with its kind and its model for the current text.
 * Models are made when first asked for; a rule file's model follows its edits incrementally.
 */
import { DEFAULT_CHECK_CONFIG, readCheckConfig, withLintsOff, type CheckConfig } from '../check/check-config.js';
import { LINT_NAMES } from '../check/lints/all-lints.js';
import { detectDocumentKind } from './documents/document-kind.js';
import { SourceDocument } from './documents/source-document.js';
import { uriBaseName, uriToPath } from './documents/uri-path.js';
import { AlertmanagerModel } from './models/alertmanager-model.js';
import type { DocumentModel } from './models/document-model.js';
import { PromqlScriptModel } from './models/promql-script-model.js';
import { RuleFileModel } from './models/rule-file/rule-file-model.js';
import { ruleFileSetup, type RuleFileSetup } from './models/rule-file/rule-file-setup.js';
import { TemplateFileModel } from './models/template-file-model.js';
import { UnitTestModel } from './models/unit-test-model.js';
import type { DocumentKind, LanguageSettings } from './service-types.js';

interface Entry {
  doc: SourceDocument;
  open: boolean;
  /** null: looked at, not a kind the service knows. */
  kind?: DocumentKind | null;
  model?: DocumentModel;
}

const CHECK_CONFIG_NAME = '.klaxon.yml';

export class Workspace {
  private readonly entries = new Map<string, Entry>();
  private settings: LanguageSettings = {};
  private folders: string[] = [];
  private setup: RuleFileSetup = ruleFileSetup(DEFAULT_CHECK_CONFIG);
  /** Bumped whenever a document or a setting changes; workspace-wide answers are cached per generation. */
  generation = 0;

  configure(settings: LanguageSettings, folders: readonly string[] = this.folders): void {
    this.settings = settings;
    this.folders = [...folders];
    for (const entry of this.entries.values()) {
      entry.kind = undefined;
      entry.model = undefined;
    }
    this.refreshCheckConfig();
  }

  get languageSettings(): LanguageSettings {
    return this.settings;
  }

  get workspaceFolders(): readonly string[] {
    return this.folders;
  }

  get checkConfig(): CheckConfig {
    return this.setup.lint.config;
  }

  /** Sets the text of an open document (opened or edited). */
  setOpen(uri: string, version: number, text: string): SourceDocument {
    return this.put(uri, version, text, true);
  }

  /** Sets the text of a workspace file that is not open; ignored while the document is open. */
  setFile(uri: string, text: string): void {
    const entry = this.entries.get(uri);
    if (entry?.open) return;
    this.put(uri, (entry?.doc.version ?? 0) + 1, text, false);
  }

  /** The document is no longer open; it stays known with `diskText` when given. */
  close(uri: string, diskText?: string): void {
    const entry = this.entries.get(uri);
    if (!entry) return;
    entry.open = false;
    if (diskText === undefined) this.remove(uri);
    else if (diskText !== entry.doc.text) this.put(uri, entry.doc.version + 1, diskText, false);
  }

  remove(uri: string): void {
    if (this.entries.delete(uri)) this.changed(uri);
  }

  document(uri: string): SourceDocument | undefined {
    return this.entries.get(uri)?.doc;
  }

  isOpen(uri: string): boolean {
    return this.entries.get(uri)?.open === true;
  }

  kindOf(uri: string): DocumentKind | undefined {
    const entry = this.entries.get(uri);
    if (!entry) return undefined;
    if (entry.kind === undefined) entry.kind = detectDocumentKind(uri, entry.doc.text, this.settings, this.folders) ?? null;
    return entry.kind ?? undefined;
  }

  /** The model of the document's current text; undefined for documents of no known kind. */
  model(uri: string): DocumentModel | undefined {
    const entry = this.entries.get(uri);
    const kind = this.kindOf(uri);
    if (!entry || !kind) return undefined;
    const current = entry.model;
    if (current && current.kind === kind && current.doc === entry.doc) return current;
    entry.model = current?.kind === 'rules' && kind === 'rules' ? current.update(entry.doc, this.setup) : newModel(kind, entry.doc, this.setup);
    return entry.model;
  }

  /** Every known document of a kind, with its model. */
  *modelsOf<K extends DocumentKind>(kind: K): Generator<Extract<DocumentModel, { kind: K }>> {
    for (const uri of this.entries.keys()) {
      if (this.kindOf(uri) !== kind) continue;
      const model = this.model(uri);
      if (model) yield model as Extract<DocumentModel, { kind: K }>;
    }
  }

  uris(): IterableIterator<string> {
    return this.entries.keys();
  }

  private put(uri: string, version: number, text: string, open: boolean): SourceDocument {
    const entry = this.entries.get(uri);
    const doc = new SourceDocument(uri, version, text, entry?.doc);
    const change = doc.change;
    const kindMayChange = !entry || (change !== undefined && (touchesTopLevelKey(entry.doc.text, change.start, change.oldEnd) || touchesTopLevelKey(text, change.start, change.newEnd)));
    this.entries.set(uri, { doc, open, kind: kindMayChange ? undefined : entry?.kind, model: entry?.model });
    this.changed(uri);
    return doc;
  }

  private changed(uri: string): void {
    this.generation++;
    if (uriBaseName(uri) === CHECK_CONFIG_NAME) this.refreshCheckConfig();
  }

  /** `.klaxon.yml` at the root of a workspace folder (or anywhere, without folders), then the settings. */
  private refreshCheckConfig(): void {
    let config = DEFAULT_CHECK_CONFIG;
    for (const [uri, entry] of this.entries) {
      if (uriBaseName(uri) !== CHECK_CONFIG_NAME) continue;
      const path = uriToPath(uri);
      const atRoot = this.folders.length === 0 || this.folders.some((f) => path === `${f.replace(/\/+$/, '')}/${CHECK_CONFIG_NAME}`);
      if (atRoot) config = readCheckConfig(entry.doc.text, LINT_NAMES).config;
    }
    const disabled = this.settings.disabledLints ?? [];
    if (disabled.length > 0) config = withLintsOff(config, disabled);
    this.setup = ruleFileSetup(config);
    for (const entry of this.entries.values()) if (entry.model?.kind === 'rules') entry.model = undefined;
  }
}

function newModel(kind: DocumentKind, doc: SourceDocument, setup: RuleFileSetup): DocumentModel {
  switch (kind) {
    case 'rules':
      return RuleFileModel.load(doc, setup);
    case 'alertmanager':
      return new AlertmanagerModel(doc);
    case 'unit-test':
      return new UnitTestModel(doc);
    case 'promql-test':
      return new PromqlScriptModel(doc);
    case 'template':
      return new TemplateFileModel(doc);
  }
}

/** Kinds are told by top-level keys; an edit that touches none cannot change the kind. */
function touchesTopLevelKey(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const region = text.slice(lineStart, Math.min(text.length, end + 1));
  return /(^|\n)[^\s#-]/.test(region);
}
