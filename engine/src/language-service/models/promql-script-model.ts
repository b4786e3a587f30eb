/** A promqltest script (`*.test`) in the editor: the reader's problems, and its expressions and series lines. */
import { problem, type Problem } from '../../errors.js';
import { parsePromQL } from '../../promql/analyze.js';
import { parseScript, type Script } from '../../testing/promqltest/script.js';
import type { SourceDocument } from '../documents/source-document.js';
import { LazyModel } from './lazy-model.js';
import { embeddedVerbatim, type EmbeddedText } from '../embedded/embedded-text.js';
import { placeRange } from './place-range.js';

export class PromqlScriptModel extends LazyModel {
  readonly kind = 'promql-test';
  readonly script: Script;

  constructor(readonly doc: SourceDocument) {
    super();
    this.script = parseScript(doc.text);
  }

  protected findProblems(): Problem[] {
    const located = (line: number, column: number, message: string) => problem(message, placeRange(this.doc, line, column), 'promqltest');
    const problems = this.script.errors.map((e) => located(e.line, e.column, e.message));
    for (const command of this.script.commands) {
      if (command.kind !== 'eval') continue;
      problems.push(...command.errors.map((e) => located(e.line, e.column, e.message)));
    }
    for (const expression of this.embedded()) {
      if (expression.language !== 'promql') continue;
      for (const p of parsePromQL(expression.text, { experimental: 'ignore' }).problems) {
        problems.push({ ...p, range: { start: expression.offsets[0]! + p.range.start, end: expression.offsets[0]! + Math.max(p.range.end, p.range.start + 1) } });
      }
    }
    return problems;
  }

  /** Each eval command's expression and each series line of the load commands. */
  protected findEmbedded(): EmbeddedText[] {
    const found: EmbeddedText[] = [];
    const lineText = (line: number) => {
      const start = this.doc.offsetOfPlace(line, 1);
      const end = this.doc.text.indexOf('\n', start);
      return { start, text: this.doc.text.slice(start, end < 0 ? this.doc.text.length : end) };
    };
    for (const command of this.script.commands) {
      if (command.kind === 'eval') {
        const { start } = lineText(command.line);
        found.push(embeddedVerbatim('promql', command.expr, start + command.exprColumn - 1, this.doc.text));
      } else if (command.kind === 'load') {
        for (const series of command.series) {
          const { start, text } = lineText(series.line);
          const indent = text.length - text.trimStart().length;
          found.push(embeddedVerbatim('series', text.trim(), start + indent, this.doc.text));
        }
      }
    }
    return found;
  }
}
