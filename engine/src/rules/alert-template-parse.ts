/**
 * Parsing an alerting rule's label and annotation templates the way Prometheus does: its
 * variable header first, its functions allowed.
 */
import type { ParsedTemplate } from '../template/ast.js';
import { BUILTINS } from '../template/builtins.js';
import { ALERT_TEMPLATE_HEADER } from '../template/expand.js';
import { parsePrelude, parseTemplateText, TemplateParseFailure, type ParseOptions } from '../template/parser.js';
import { PROMETHEUS_FUNCTION_NAMES } from '../template/prometheus-functions.js';

const FUNCTIONS: ReadonlySet<string> = new Set([...Object.keys(BUILTINS), ...PROMETHEUS_FUNCTION_NAMES]);
const OPTIONS: ParseOptions = { name: '__alert', functions: FUNCTIONS };

let afterHeader: ParseOptions | undefined;

/**
 * The text parsed after the header as Prometheus parses it, or undefined when it does not parse.
 * The header is parsed once, not with every text; tree offsets are into `text` and the header's
 * nodes are left out.
 */
export function parseAlertTemplateBody(text: string): ParsedTemplate | undefined {
  afterHeader ??= { ...OPTIONS, prelude: parsePrelude(ALERT_TEMPLATE_HEADER, OPTIONS) };
  try {
    return parseTemplateText(text, afterHeader);
  } catch (e) {
    if (e instanceof TemplateParseFailure || e instanceof RangeError) return undefined;
    throw e;
  }
}

/** Whether a label or annotation template parses; callers that check many may memoize it. */
export type TemplateSyntaxCheck = (text: string) => boolean;

export const alertTemplateParses: TemplateSyntaxCheck = (text) => !text.includes('{{') || parseAlertTemplateBody(text) !== undefined;
