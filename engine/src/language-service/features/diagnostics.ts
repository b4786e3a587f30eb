/** A document's problems as the editor shows them. */
import type { Problem } from '../../errors.js';
import { DEPRECATED_MATCH_SOURCE } from '../models/alertmanager-model.js';
import type { ServiceDiagnostic } from '../service-types.js';

export function toDiagnostic(p: Problem): ServiceDiagnostic {
  const diagnostic: ServiceDiagnostic = { range: { ...p.range }, severity: p.severity, message: p.message, source: p.source };
  if (p.source === DEPRECATED_MATCH_SOURCE || /\bis deprecated\b/.test(p.message)) diagnostic.tags = ['deprecated'];
  return diagnostic;
}
