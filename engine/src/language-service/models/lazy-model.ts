/** What the models of Alertmanager configs, unit-test files and promqltest scripts share: problems and embedded texts, found once when first asked for. */
import type { Problem } from '../../errors.js';
import type { EmbeddedText } from '../embedded/embedded-text.js';

export abstract class LazyModel {
  private problems: Problem[] | undefined;
  private texts: EmbeddedText[] | undefined;

  /** The document's problems, by position. */
  diagnostics(): Problem[] {
    this.problems ??= this.findProblems().sort((a, b) => a.range.start - b.range.start);
    return this.problems;
  }

  /** The expressions, series, matchers and templates in the document. */
  embedded(): EmbeddedText[] {
    this.texts ??= this.findEmbedded();
    return this.texts;
  }

  protected abstract findProblems(): Problem[];
  protected abstract findEmbedded(): EmbeddedText[];
}
