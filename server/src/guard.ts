/** Every handler runs guarded: an error is logged and answered with a harmless result, never thrown. */
import type { RemoteConsole } from 'vscode-languageserver/node';

export type Guard = <A extends unknown[], R>(name: string, fallback: R, handler: (...args: A) => R | Promise<R>) => (...args: A) => Promise<R>;

export function guardWith(console: RemoteConsole): Guard {
  return (name, fallback, handler) =>
    async (...args) => {
      try {
        return await handler(...args);
      } catch (e) {
        logError(console, name, e);
        return fallback;
      }
    };
}

export function logError(console: RemoteConsole, where: string, e: unknown): void {
  const message = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
  try {
    console.error(`${where} failed: ${message}`);
  } catch {
    // The connection itself is gone; nothing left to tell.
  }
}
