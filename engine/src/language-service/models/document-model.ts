/** The model of each kind of document, and what every model offers. */
import type { Problem } from '../../errors.js';
import { containsOffset, embeddedVerbatim, type EmbeddedText } from '../embedded/embedded-text.js';
import type { AlertmanagerModel } from './alertmanager-model.js';
import type { PromqlScriptModel } from './promql-script-model.js';
import type { RuleFileModel } from './rule-file/rule-file-model.js';
import type { TemplateFileModel } from './template-file-model.js';
import type { UnitTestModel } from './unit-test-model.js';

export type DocumentModel = RuleFileModel | AlertmanagerModel | UnitTestModel | PromqlScriptModel | TemplateFileModel;

export function modelDiagnostics(model: DocumentModel): Problem[] {
  return model.kind === 'template' ? [] : model.diagnostics();
}

/** The embedded texts of a model; for rule files, those of the rule at `offset` when given. */
export function embeddedTexts(model: DocumentModel, offset?: number): EmbeddedText[] {
  switch (model.kind) {
    case 'rules':
      return offset === undefined ? model.entries.flatMap((e) => model.embeddedOf(e)) : model.embeddedAt(offset);
    case 'template':
      return [];
    default:
      return model.embedded();
  }
}

/**
 * The embedded text at a cursor; also a plain one the cursor is just after, past spaces that a
 * plain scalar does not keep (`expr: clamp(x, ` with the cursor after the space).
 */
export function embeddedAtCursor(model: DocumentModel, offset: number): EmbeddedText | undefined {
  const candidates = embeddedTexts(model, offset);
  const inside = candidates.find((e) => containsOffset(e, offset));
  if (inside) return inside;
  for (const e of candidates) {
    const end = e.offsets[e.offsets.length - 1]!;
    const gap = e.source.slice(end, offset);
    if (e.style === 'PLAIN' && end < offset && /^[ \t]+$/.test(gap)) {
      return { ...embeddedVerbatim(e.language, e.text + gap, e.offsets[0]!, e.source), offsets: [...e.offsets.slice(0, -1), ...Array.from({ length: gap.length + 1 }, (_, i) => end + i)], range: e.range, style: e.style };
    }
  }
  return undefined;
}
