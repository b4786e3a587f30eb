/**
 * The two kinds of error answer Alertmanager's API v2 gives, so that the server can answer the
 * way upstream does:
 * - ApiPayloadError: the body does not decode or does not fit the OpenAPI schema. Upstream's
 *   go-openapi layer answers `{"code": N, "message": "..."}` with status 400 (decoding, code 400)
 *   or 422 (schema validation, codes 6xx).
 * - ApiRequestError: the handler refused the request; upstream answers the message as a JSON
 *   string with the given status.
 */

/** go-openapi's validation codes. */
export const PAYLOAD_CODES = { decode: 400, invalidFormat: 601, required: 602, tooFewItems: 612 } as const;

export class ApiPayloadError extends Error {
  constructor(
    readonly status: 400 | 422,
    readonly code: number,
    message: string,
    /** Where in the body, as a JSON path: `$[0].labels.team`. */
    readonly path: string,
  ) {
    super(message);
    this.name = 'ApiPayloadError';
  }

  /** The response body upstream sends. */
  body(): { code: number; message: string } {
    return { code: this.code, message: this.message };
  }
}

export class ApiRequestError extends Error {
  constructor(
    readonly status: 400 | 404 | 500,
    message: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}
