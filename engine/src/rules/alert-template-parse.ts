/**
 * Parsing an alerting rule's label and annotation templates the way Prometheus does: its
 * variable header first, its functions allowed.
 */
import type { ParsedTemplate } from '../template/ast.js';
import { BUILTINS } from '../template/builtins.js';
import { ALERT_TEMPLATE_HEADER } from '../template/expand.js';
import { parseTemplateText, TemplateParseFailure } from '../template/parser.js';
import { PROMETHEUS_FUNCTION_NAMES } from '../template/prometheus-functions.js';

const FUNCTIONS: ReadonlySet<string> = new Set([...Object.keys(BUILTINS), ...PROMETHEUS_FUNCTION_NAMES]);

/** Where the user's text starts in the parsed header + text. */
export const ALERT_TEMPLATE_TEXT_OFFSET = ALERT_TEMPLATE_HEADER.length;

/** The parsed header + text, or undefined when the text does not parse. Tree offsets include the header. */
export function parseAlertTemplateTree(text: string): ParsedTemplate | undefined {
  try {
    return parseTemplateText(ALERT_TEMPLATE_HEADER + text, { name: '__alert', functions: FUNCTIONS });
  } catch (e) {
    if (e instanceof TemplateParseFailure || e instanceof RangeError) return undefined;
    throw e;
  }
}

/** Whether a label or annotation template parses; callers that check many may memoize it. */
export type TemplateSyntaxCheck = (text: string) => boolean;

export const alertTemplateParses: TemplateSyntaxCheck = (text) => !text.includes('{{') || parseAlertTemplateTree(text) !== undefined;
