/** Writing answers: JSON bodies and plain text, with the length set. */
import type { ServerResponse } from 'node:http';

export function sendJson(response: ServerResponse, status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): void {
  send(response, status, JSON.stringify(value), 'application/json', headers);
}

export function sendText(response: ServerResponse, status: number, text: string, headers: Readonly<Record<string, string>> = {}): void {
  send(response, status, text, 'text/plain; charset=utf-8', headers);
}

function send(response: ServerResponse, status: number, body: string, contentType: string, headers: Readonly<Record<string, string>>): void {
  if (response.headersSent) return;
  const bytes = Buffer.from(body, 'utf8');
  response.writeHead(status, { 'content-type': contentType, 'content-length': String(bytes.length), ...headers });
  response.end(response.req?.method === 'HEAD' ? undefined : bytes);
}
