/** Reads a request body up to a size limit; a longer body is refused with 413 before it is all read. */
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.js';

export async function readBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw tooLarge(limitBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/** Parses a JSON body; a syntax error is a 400 that says where. */
export function parseJsonBody(body: Buffer): unknown {
  const text = body.toString('utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, `invalid JSON in request body: ${(e as Error).message}`);
  }
}

function tooLarge(limitBytes: number): HttpError {
  return new HttpError(413, `request body is larger than the limit of ${limitBytes} bytes`);
}
