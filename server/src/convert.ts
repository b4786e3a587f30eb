/** Between the language service's offsets and names and the protocol's positions and enums. */
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DiagnosticTag,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  SymbolKind,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type Position,
  type Range,
  type WorkspaceEdit as LspWorkspaceEdit,
} from 'vscode-languageserver/node';
import type {
  CompletionItemKind as ServiceItemKind,
  DiagnosticSeverity as ServiceSeverity,
  LanguageService,
  ServiceCompletionItem,
  ServiceDiagnostic,
  ServiceSymbol,
  SourceDocument,
  SymbolKind as ServiceSymbolKind,
  TextRange,
  WorkspaceEdit,
} from '@klaxon/engine';

export function toPosition(doc: SourceDocument, offset: number): Position {
  const { line, column } = doc.positionAt(offset);
  return { line, character: column };
}

export function toRange(doc: SourceDocument, range: TextRange): Range {
  return { start: toPosition(doc, range.start), end: toPosition(doc, range.end) };
}

export function toOffset(doc: SourceDocument, position: Position): number {
  return doc.offsetAt({ line: position.line, column: position.character });
}

export function toTextRange(doc: SourceDocument, range: Range): TextRange {
  return { start: toOffset(doc, range.start), end: toOffset(doc, range.end) };
}

const SEVERITY: Record<ServiceSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(doc: SourceDocument, d: ServiceDiagnostic): Diagnostic {
  const diagnostic: Diagnostic = { range: toRange(doc, d.range), severity: SEVERITY[d.severity], message: d.message, source: `klaxon(${d.source})` };
  if (d.tags) diagnostic.tags = d.tags.map((t) => (t === 'deprecated' ? DiagnosticTag.Deprecated : DiagnosticTag.Unnecessary));
  return diagnostic;
}

/** A diagnostic the client sends back (with a code action request) in the service's terms. */
export function fromDiagnostic(doc: SourceDocument, d: Diagnostic): ServiceDiagnostic {
  const severity = (Object.keys(SEVERITY) as ServiceSeverity[]).find((s) => SEVERITY[s] === d.severity) ?? 'error';
  const source = /^klaxon\((.*)\)$/.exec(d.source ?? '')?.[1] ?? d.source ?? '';
  return { range: toTextRange(doc, d.range), severity, message: d.message, source };
}

const ITEM_KIND: Record<ServiceItemKind, CompletionItemKind> = {
  function: CompletionItemKind.Function,
  keyword: CompletionItemKind.Keyword,
  operator: CompletionItemKind.Operator,
  metric: CompletionItemKind.Variable,
  label: CompletionItemKind.Field,
  value: CompletionItemKind.Value,
  duration: CompletionItemKind.Unit,
  number: CompletionItemKind.Constant,
  property: CompletionItemKind.Property,
  snippet: CompletionItemKind.Snippet,
  reference: CompletionItemKind.Reference,
  enum: CompletionItemKind.EnumMember,
};

export function toCompletionItem(doc: SourceDocument, item: ServiceCompletionItem): CompletionItem {
  const converted: CompletionItem = {
    label: item.label,
    kind: ITEM_KIND[item.kind],
    textEdit: { range: toRange(doc, item.range), newText: item.insertText ?? item.label },
    insertTextFormat: item.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    // The service indents every line itself.
    insertTextMode: InsertTextMode.asIs,
  };
  if (item.detail !== undefined) converted.detail = item.detail;
  if (item.documentation !== undefined) converted.documentation = { kind: MarkupKind.Markdown, value: item.documentation };
  if (item.sortText !== undefined) converted.sortText = item.sortText;
  if (item.filterText !== undefined) converted.filterText = item.filterText;
  return converted;
}

const SYMBOL_KIND: Record<ServiceSymbolKind, SymbolKind> = {
  namespace: SymbolKind.Namespace,
  event: SymbolKind.Event,
  function: SymbolKind.Function,
  object: SymbolKind.Object,
  module: SymbolKind.Module,
  key: SymbolKind.Key,
  interface: SymbolKind.Interface,
  field: SymbolKind.Field,
  constant: SymbolKind.Constant,
};

export function toDocumentSymbol(doc: SourceDocument, s: ServiceSymbol): DocumentSymbol {
  return {
    name: s.name,
    kind: SYMBOL_KIND[s.kind],
    range: toRange(doc, s.range),
    selectionRange: toRange(doc, s.selectionRange),
    children: s.children.map((c) => toDocumentSymbol(doc, c)),
    ...(s.detail !== undefined && { detail: s.detail }),
  };
}

/** Edits per document; documents the service does not know are left out. */
export function toWorkspaceEdit(service: LanguageService, edit: WorkspaceEdit): LspWorkspaceEdit {
  const changes: NonNullable<LspWorkspaceEdit['changes']> = {};
  for (const [uri, edits] of Object.entries(edit)) {
    const doc = service.document(uri);
    if (doc) changes[uri] = edits.map((e) => ({ range: toRange(doc, e.range), newText: e.newText }));
  }
  return { changes };
}

export const CODE_ACTION_KIND = { quickfix: CodeActionKind.QuickFix, 'refactor.rewrite': CodeActionKind.RefactorRewrite } as const;
