/** Shared helpers for template tests: parse and run in one step. */
import {
  executeTemplate, parseTemplate, type ExecuteTemplateOptions, type FunctionMap,
} from '../../src/template/expand.js';

/** Renders `text` on `data`; throws the parse problem's message or the execution error. */
export function render(text: string, data?: unknown, funcs: FunctionMap = {}, options: ExecuteTemplateOptions = {}): string {
  const { template, problems } = parseTemplate(text, 't', { functions: funcs });
  if (!template) throw new Error(problems[0]!.message);
  return executeTemplate(template, data, funcs, options);
}

/** The error message `render` fails with (parse or execution). */
export function renderError(text: string, data?: unknown, funcs: FunctionMap = {}, options: ExecuteTemplateOptions = {}): string {
  try {
    render(text, data, funcs, options);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail`);
}
