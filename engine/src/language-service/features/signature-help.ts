/**
 * Signature help inside the parentheses of a function call or an aggregation: its signature from
 * the FUNCTIONS table, the argument the cursor is in, and the function's documentation.
 */
import type { IToken } from 'chevrotain';
import { documentedType } from '../../promql/types.js';
import { lookupAggregation, lookupFunction } from '../../promql/functions.js';
import { signatureText } from '../../promql/complete/static-items.js';
import { By, Comma, LBrace, LBracket, LParen, promqlLexer, RBrace, RBracket, RParen, Without } from '../../promql/lexer.js';
import type { ServiceContext } from '../language-service.js';
import { valueIndex } from '../embedded/embedded-text.js';
import { embeddedAtCursor } from '../models/document-model.js';
import type { ServiceSignatureHelp } from '../service-types.js';

interface Frame {
  kind: 'paren' | 'brace' | 'bracket';
  /** The function or aggregation the parenthesis belongs to. */
  callee?: string;
  /** The aggregation whose `by`/`without` list this parenthesis holds. */
  groupingOf?: string;
  commas: number;
}

export function signatureHelp(ctx: ServiceContext, uri: string, offset: number): ServiceSignatureHelp | undefined {
  const model = ctx.workspace.model(uri);
  if (!model || model.kind === 'template') return undefined;
  const embedded = embeddedAtCursor(model, offset);
  if (!embedded || (embedded.language !== 'promql' && embedded.language !== 'series')) return undefined;
  const frame = openCall(embedded.text.slice(0, valueIndex(embedded, offset)));
  return frame?.callee === undefined ? undefined : signatureOf(frame.callee, frame.commas);
}

/** The innermost parenthesis open before the end of the text that belongs to a call. */
function openCall(text: string): Frame | undefined {
  const tokens = promqlLexer.tokenize(text).tokens;
  const stack: Frame[] = [];
  let closedGroupingOf: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const previous: IToken | undefined = tokens[i - 1];
    const type = token.tokenType;
    if (type === LParen) {
      const frame: Frame = { kind: 'paren', commas: 0 };
      if (previous && (previous.tokenType === By || previous.tokenType === Without)) {
        const aggregation = tokens[i - 2];
        if (aggregation && lookupAggregation(aggregation.image.toLowerCase())) frame.groupingOf = aggregation.image.toLowerCase();
      } else if (previous && previous.tokenType === RParen && closedGroupingOf) frame.callee = closedGroupingOf;
      else if (previous && (lookupFunction(previous.image) || lookupAggregation(previous.image.toLowerCase()))) frame.callee = lookupFunction(previous.image) ? previous.image : previous.image.toLowerCase();
      stack.push(frame);
      closedGroupingOf = undefined;
      continue;
    }
    closedGroupingOf = undefined;
    if (type === LBrace) stack.push({ kind: 'brace', commas: 0 });
    else if (type === LBracket) stack.push({ kind: 'bracket', commas: 0 });
    else if (type === RParen || type === RBrace || type === RBracket) {
      const closed = stack.pop();
      if (closed?.groupingOf) closedGroupingOf = closed.groupingOf;
    } else if (type === Comma && stack[stack.length - 1]?.kind === 'paren') stack[stack.length - 1]!.commas++;
  }
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.kind === 'paren' && stack[i]!.callee) return stack[i];
  return undefined;
}

function signatureOf(name: string, argument: number): ServiceSignatureHelp | undefined {
  const fn = lookupFunction(name);
  if (fn) {
    const label = signatureText(fn);
    const parameters = parameterRanges(label, fn.argTypes.map(documentedType));
    const last = fn.variadic < 0 ? parameters.length - 1 : parameters.length;
    return { label, documentation: fn.doc, parameters, activeParameter: Math.min(argument, Math.max(0, last)) };
  }
  const aggregation = lookupAggregation(name);
  if (!aggregation) return undefined;
  const types = [...(aggregation.paramType ? [documentedType(aggregation.paramType)] : []), 'instant vector'];
  const label = `${aggregation.name}(${types.join(', ')}) → instant vector`;
  return { label, documentation: aggregation.doc, parameters: parameterRanges(label, types), activeParameter: Math.min(argument, types.length - 1) };
}

/** Where each argument's type is written in the label, in order. */
function parameterRanges(label: string, types: readonly string[]): { label: [number, number] }[] {
  const ranges: { label: [number, number] }[] = [];
  let from = label.indexOf('(') + 1;
  for (const type of types) {
    const at = label.indexOf(type, from);
    if (at < 0) break;
    ranges.push({ label: [at, at + type.length] });
    from = at + type.length;
  }
  return ranges;
}
