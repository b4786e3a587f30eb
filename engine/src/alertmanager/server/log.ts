/**
 * The alert manager's log: one logfmt line per event (`ts=… level=info msg="…" key=value`), as
 * Alertmanager logs. Callers never pass secrets; values are quoted when they need to be.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;
export type Logger = (level: LogLevel, message: string, fields?: LogFields) => void;

export const silentLogger: Logger = () => {};

/** A logger writing lines through `write`, stamped with `now()` (ms since the epoch). */
export function logfmtLogger(write: (line: string) => void, now: () => number): Logger {
  return (level, message, fields = {}) => {
    const pairs: [string, string | number | boolean][] = [['ts', new Date(now()).toISOString()], ['level', level], ['msg', message]];
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) pairs.push([key, value]);
    write(`${pairs.map(([key, value]) => `${key}=${logfmtValue(value)}`).join(' ')}\n`);
  };
}

function logfmtValue(value: string | number | boolean): string {
  const text = String(value);
  return text === '' || /[\s"=\\]|[^\x21-\x7e]/.test(text) ? JSON.stringify(text) : text;
}
