/**
 * Expansion of alerting rules' label and annotation templates, as Prometheus does at each
 * evaluation: `$labels`, `$value`, `$externalLabels`, `$externalURL`, and a `query` function
 * that runs instant queries against the same store.
 */
import type { Labels } from '../labels/labels.js';
import { parsePromQLOrThrow } from '../promql/analyze.js';
import type { EvalOptions } from '../promql/eval/evaluate.js';
import type { SeriesSource } from '../series/source.js';
import { expandAlertTemplate, type QueryFn } from '../template/expand.js';
import type { TemplateExpander } from './alert-state.js';
import { queryVector } from './query-vector.js';

export interface AlertTemplateContext {
  store: SeriesSource;
  alertName: string;
  /** The evaluation time (not offset by `query_offset`), as Prometheus passes it. */
  timeMs: number;
  externalLabels: Labels;
  externalURL: string;
  evalOptions: EvalOptions;
}

export function alertTemplateExpander(context: AlertTemplateContext): TemplateExpander {
  const { store, alertName, timeMs, externalURL, evalOptions } = context;
  const externalLabels = context.externalLabels.toObject();
  const query: QueryFn = (text, atMs) => queryVector(parsePromQLOrThrow(text), store, atMs, evalOptions).map((s) => ({ labels: s.labels, value: s.v }));
  return (text, sampleLabels, value) => expandAlertTemplate(text, { labels: sampleLabels.toObject(), value, externalLabels, externalURL }, { query, timeMs, alertName });
}
