/** The expectations of an eval command about errors and annotations, checked as promqltest does. */
import type { Annotation } from '../../promql/eval/values.js';
import type { EvalCommand, MessageMatcher } from './script.js';

export function matchesMessage(matcher: MessageMatcher, text: string): boolean {
  switch (matcher.kind) {
    case 'any':
      return true;
    case 'exact':
      return matcher.text === text;
    case 'regex':
      return matcher.regex.matcher(text).find();
  }
}

export function describeMatcher(matcher: MessageMatcher): string {
  switch (matcher.kind) {
    case 'any':
      return 'any message';
    case 'exact':
      return `message ${JSON.stringify(matcher.text)}`;
    case 'regex':
      return `pattern ${JSON.stringify(matcher.pattern)}`;
  }
}

/** For a query that failed with `message`: undefined when the command expected that failure. */
export function checkFailure(command: EvalCommand, message: string): string | undefined {
  if (!command.fail) return `the query failed: ${message}`;
  const unmet = command.fail.find((m) => !matchesMessage(m, message));
  if (unmet) return `expected the query to fail with ${describeMatcher(unmet)}, but it failed with ${JSON.stringify(message)}`;
  return undefined;
}

/** For a query that succeeded: undefined when its annotations meet the command's expectations. */
export function checkAnnotations(command: EvalCommand, annotations: readonly Annotation[]): string | undefined {
  const warnings = annotations.filter((a) => a.severity === 'warning').map((a) => a.message);
  const infos = annotations.filter((a) => a.severity === 'info').map((a) => a.message);
  if (command.requireAnyWarning && warnings.length === 0) return 'expected a warning annotation (eval_warn), but got none';
  if (command.requireAnyInfo && infos.length === 0) return 'expected an info annotation (eval_info), but got none';
  return (
    checkListed('warn', command.warnings, warnings) ??
    checkListed('info', command.infos, infos) ??
    (command.noWarnings && warnings.length > 0 ? `expected no warning annotations, but got ${list(warnings)}` : undefined) ??
    (command.noInfos && infos.length > 0 ? `expected no info annotations, but got ${list(infos)}` : undefined)
  );
}

/** Every `expect <kind>` line matches an annotation of that kind, and every such annotation a line. */
function checkListed(kind: 'warn' | 'info', expected: readonly MessageMatcher[], actual: readonly string[]): string | undefined {
  if (expected.length === 0) return undefined;
  if (actual.length === 0) return `expected ${kind} annotations, but got none`;
  const unmatched = expected.find((m) => !actual.some((text) => matchesMessage(m, text)));
  if (unmatched) return `expected a ${kind} annotation with ${describeMatcher(unmatched)}, but got ${list(actual)}`;
  const unexpected = actual.find((text) => !expected.some((m) => matchesMessage(m, text)));
  if (unexpected !== undefined) return `unexpected ${kind} annotation ${JSON.stringify(unexpected)}`;
  return undefined;
}

function list(messages: readonly string[]): string {
  return messages.map((m) => JSON.stringify(m)).join(', ');
}
