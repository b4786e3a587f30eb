/**
 * What `klaxon check` needs to know about each label and annotation template: whether it parses
 * (the loader's syntax check) and which labels it reads (a lint). Each distinct text is parsed
 * once for both, and only these facts are kept, not the trees.
 */
import { parseAlertTemplateBody } from '../rules/alert-template-parse.js';
import { templateLabelReferences, type LabelReference } from './analysis/template-label-references.js';

export interface TemplateFacts {
  parses: boolean;
  labels: readonly LabelReference[];
}

export type TemplateFactsOf = (text: string) => TemplateFacts;

const PLAIN_TEXT: TemplateFacts = { parses: true, labels: [] };

/** A memoizing source of facts; keep it as long as the check that uses it. */
export function templateFactsSource(): TemplateFactsOf {
  const known = new Map<string, TemplateFacts>();
  return (text) => {
    if (!text.includes('{{')) return PLAIN_TEXT;
    let facts = known.get(text);
    if (!facts) {
      const tree = parseAlertTemplateBody(text);
      facts = tree ? { parses: true, labels: templateLabelReferences(tree) } : { parses: false, labels: [] };
      known.set(text, facts);
    }
    return facts;
  };
}
