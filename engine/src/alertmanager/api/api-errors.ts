/**
 * Answers for requests the API refuses, in the shapes upstream gives: go-openapi's
 * `{"code": N, "message": "..."}` when the request does not fit the API's schema (415, 422,
 * body decoding), a JSON string when a handler refuses it.
 */
import type { ServerResponse } from 'node:http';
import { ApiPayloadError, ApiRequestError } from '../alerts/api-errors.js';
import { sendJson } from '../../http/respond.js';

/** A body of another media type than JSON. */
export class MediaTypeError extends Error {
  readonly status = 415;

  constructor(readonly mediaType: string) {
    super(`unsupported media type ${JSON.stringify(mediaType)}, only [application/json] are allowed`);
    this.name = 'MediaTypeError';
  }

  body(): { code: number; message: string } {
    return { code: this.status, message: this.message };
  }
}

/** A path parameter that is not of its declared format (go-openapi's code 601, status 422). */
export class PathFormatError extends Error {
  readonly status = 422;

  constructor(message: string) {
    super(message);
    this.name = 'PathFormatError';
  }

  body(): { code: number; message: string } {
    return { code: 601, message: this.message };
  }
}

/** Sends the answer for an API error; false when `error` is not one (the server then answers). */
export function sendApiError(response: ServerResponse, error: unknown): boolean {
  if (error instanceof ApiPayloadError || error instanceof MediaTypeError || error instanceof PathFormatError) {
    sendJson(response, error.status, error.body());
    return true;
  }
  if (error instanceof ApiRequestError) {
    sendJson(response, error.status, error.message);
    return true;
  }
  return false;
}
