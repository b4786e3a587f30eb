/**
 * Why a silence could not be set or expired, as the API answers it (a JSON string body).
 * Upstream 0.25 answers an unknown ID on DELETE with 500; 0.34 with 404.
 */
import { ApiRequestError } from '../alerts/api-errors.js';

export class SilenceNotFoundError extends ApiRequestError {
  constructor(readonly id: string) {
    super(404, 'silence not found');
    this.name = 'SilenceNotFoundError';
  }
}

/** The silence breaks a rule of validateSilence or a limit; nothing was changed. */
export class SilenceRejectedError extends ApiRequestError {
  constructor(message: string) {
    super(400, message);
    this.name = 'SilenceRejectedError';
  }
}
