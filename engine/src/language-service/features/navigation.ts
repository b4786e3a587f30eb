/** Go to definition, find references and rename, for the things named in named-things.ts. */
import type { ServiceContext } from '../language-service.js';
import type { Location, TextRange, WorkspaceEdit } from '../service-types.js';
import { namedThingAt, occurrencesOf, type NamedKind } from './named-things.js';

export function findDefinition(ctx: ServiceContext, uri: string, offset: number): Location[] {
  const at = namedThingAt(ctx, uri, offset);
  if (!at) return [];
  return occurrencesOf(ctx, at.thing).filter((o) => o.definition).map(({ uri: u, range }) => ({ uri: u, range }));
}

export function findReferences(ctx: ServiceContext, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const at = namedThingAt(ctx, uri, offset);
  if (!at) return [];
  return occurrencesOf(ctx, at.thing).filter((o) => includeDeclaration || !o.definition).map(({ uri: u, range }) => ({ uri: u, range }));
}

export function prepareRename(ctx: ServiceContext, uri: string, offset: number): { range: TextRange; placeholder: string } | undefined {
  const at = namedThingAt(ctx, uri, offset);
  if (!at) return undefined;
  // Only things defined in the workspace can be renamed everywhere they are named.
  if (!occurrencesOf(ctx, at.thing).some((o) => o.definition)) return undefined;
  return { range: at.range, placeholder: at.thing.name };
}

/** What a new name must look like: it is written unquoted into expressions and YAML. */
const VALID_NAME: Record<NamedKind, RegExp> = {
  recordingRule: /^[a-zA-Z_:][a-zA-Z0-9_:]*$/,
  alertingRule: /^[a-zA-Z_][a-zA-Z0-9_]*$/,
  receiver: /^[\w.-]+$/,
  timeInterval: /^[\w.-]+$/,
  template: /^[\w.-]+$/,
};

export class InvalidNameError extends Error {}

/** The edits that rename the thing at the offset everywhere; throws InvalidNameError for names that cannot be written as they are. */
export function rename(ctx: ServiceContext, uri: string, offset: number, newName: string): WorkspaceEdit | undefined {
  const at = namedThingAt(ctx, uri, offset);
  if (!at) return undefined;
  if (!VALID_NAME[at.thing.kind].test(newName)) throw new InvalidNameError(`${JSON.stringify(newName)} is not a valid name here`);
  const edit: WorkspaceEdit = {};
  for (const o of occurrencesOf(ctx, at.thing)) (edit[o.uri] ??= []).push({ range: o.range, newText: newName });
  return edit;
}
