/** Why a store could not be opened or written. */
export type StoreErrorCode =
  /** Another process (or this one) has the storage path open. */
  | 'in-use'
  /** The file is not an SQLite database, or is damaged. */
  | 'corrupt'
  /** The file was written by a newer Klaxon, or is some other program's database. */
  | 'incompatible'
  /** The path cannot be created, opened or written. */
  | 'unwritable'
  /** A read or write failed after opening (disk full, I/O error). */
  | 'io'
  /** The store was used after close(). */
  | 'closed';

/** A store failure, with the path it is about in its message. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}
