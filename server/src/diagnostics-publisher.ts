/**
 * Pushes diagnostics as the user types: each change (re)starts a short timer per document, and
 * when it fires the diagnostics of the document's current version are computed and published
 * with that version, so a client never sees diagnostics of a text it no longer has.
 */
import type { Connection } from 'vscode-languageserver/node';
import type { LanguageService } from '@klaxon/engine';
import { toDiagnostic } from './convert.js';
import { logError } from './guard.js';

export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** URIs that have diagnostics on the client. */
  private readonly published = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly service: LanguageService,
    private readonly delayMs: number,
  ) {}

  schedule(uri: string, delayMs = this.delayMs): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(uri, setTimeout(() => this.publish(uri), delayMs));
  }

  /** Computes and sends the document's diagnostics now. */
  publish(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    try {
      const doc = this.service.document(uri);
      if (!doc) return this.clear(uri);
      const diagnostics = this.service.diagnostics(uri).map((d) => toDiagnostic(doc, d));
      // Documents of no known kind get nothing, unless they had diagnostics before.
      if (diagnostics.length === 0 && !this.published.has(uri) && this.service.kindOf(uri) === undefined) return;
      this.published.add(uri);
      void this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics }).catch((e: unknown) => logError(this.connection.console, 'publishing diagnostics', e));
    } catch (e) {
      logError(this.connection.console, `diagnostics of ${uri}`, e);
    }
  }

  /** Removes the document's diagnostics from the client. */
  clear(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    if (!this.published.delete(uri)) return;
    void this.connection.sendDiagnostics({ uri, diagnostics: [] }).catch((e: unknown) => logError(this.connection.console, 'clearing diagnostics', e));
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
