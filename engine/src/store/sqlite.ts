/**
 * The SQLite connection the store runs on: node-sqlite3-wasm (SQLite compiled to WebAssembly, with a
 * VFS on node:fs), so the same code runs in plain Node and in an Electron extension host without a
 * native module. Prepared statements are cached per SQL text and finalized on close.
 */
import { rmSync } from 'node:fs';
import type { Database, SQLiteValue, Statement } from 'node-sqlite3-wasm';
import { loadSqlitePackage } from './sqlite-package.js';
import { StoreError } from './store-error.js';

/** A row as SQLite returns it: column name → value. */
export type Row = Record<string, SQLiteValue>;
/** A Uint8Array is bound as a BLOB: write `CAST(? AS TEXT)` to store UTF-8 bytes as text (see transientUtf8). */
export type Parameter = string | number | null | Uint8Array;

/** WAL pages after which SQLite checkpoints at the end of a commit. */
const AUTOCHECKPOINT_PAGES = 40_000;

/** `full`: every commit is fsynced; `normal`: commits reach the OS but are fsynced only at checkpoints. */
export type Synchronous = 'full' | 'normal';

export class SqliteConnection {
  private readonly statements = new Map<string, Statement>();

  private constructor(
    private readonly db: Database,
    readonly file: string,
  ) {}

  /**
   * Opens (creating if needed) a database file for this process alone: exclusive locking mode, which
   * also lets WAL run without shared memory (the WASM file system has none).
   */
  static open(file: string, synchronous: Synchronous): SqliteConnection {
    let db: Database;
    try {
      db = new (loadSqlitePackage().Database)(file);
    } catch (error) {
      throw translateSqliteError(error, file);
    }
    const connection = new SqliteConnection(db, file);
    try {
      connection.get('PRAGMA locking_mode = EXCLUSIVE');
      const mode = connection.get('PRAGMA journal_mode = WAL')?.['journal_mode'];
      if (mode !== 'wal') throw new StoreError('unwritable', file, `cannot switch ${file} to WAL mode (got ${String(mode)})`);
      connection.exec(`PRAGMA synchronous = ${synchronous.toUpperCase()}`);
      // The store checkpoints when writes pause (klaxon-store.ts); SQLite's own checkpoint, in the
      // middle of a commit, only once ~160 MB of WAL have piled up under writes that never pause.
      connection.exec(`PRAGMA wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
      connection.exec('PRAGMA journal_size_limit = 33554432');
      // 16 MiB of page cache instead of 2: a history merge (history-log.ts) then finds the pages of
      // the fingerprint index it rewrites in memory.
      connection.exec('PRAGMA cache_size = -16384');
    } catch (error) {
      connection.close();
      throw translateSqliteError(error, file);
    }
    return connection;
  }

  /**
   * The WASM file system locks a database by creating the directory `<file>.lock`, which a killed
   * process leaves behind. Call only while holding the storage path's process lock: then no one
   * else has the file open, and any such directory is stale.
   */
  static removeStaleLock(file: string): void {
    rmSync(`${file}.lock`, { recursive: true, force: true });
  }

  get inTransaction(): boolean {
    return this.db.inTransaction;
  }

  /** Runs SQL text that may hold several statements, without parameters. */
  exec(sql: string): void {
    this.db.exec(sql);
  }

  /** Runs one statement without parameters, prepared once: for the transaction statements of every write. */
  command(sql: string): void {
    this.withStatement(sql, (statement) => statement.run([]));
  }

  /** Runs a statement; returns the number of rows it changed. */
  run(sql: string, parameters: readonly Parameter[] = []): number {
    return this.withStatement(sql, (statement) => statement.run(parameters as Parameter[]).changes);
  }

  /** Runs an INSERT; returns the new row's rowid. */
  insert(sql: string, parameters: readonly Parameter[] = []): number {
    return this.withStatement(sql, (statement) => Number(statement.run(parameters as Parameter[]).lastInsertRowid));
  }

  all(sql: string, parameters: readonly Parameter[] = []): Row[] {
    return this.withStatement(sql, (statement) => statement.all(parameters as Parameter[]) as Row[]);
  }

  /** The first row. Reads them all: a statement left on a row would block COMMIT, so use it for one-row queries. */
  get(sql: string, parameters: readonly Parameter[] = []): Row | undefined {
    return this.all(sql, parameters)[0];
  }

  /** Copies what the WAL holds into the database file, as far as no reader needs it (there are none). */
  checkpoint(): void {
    this.db.exec('PRAGMA wal_checkpoint(PASSIVE)');
  }

  close(): void {
    for (const statement of this.statements.values()) statement.finalize();
    this.statements.clear();
    if (this.db.isOpen) this.db.close();
  }

  /**
   * Runs `use` on the cached statement for `sql`. A statement whose last step failed cannot be
   * reset for its next use (SQLite's reset returns the failure again), so it is finalized and
   * dropped from the cache when `use` throws.
   */
  private withStatement<T>(sql: string, use: (statement: Statement) => T): T {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    try {
      return use(statement);
    } catch (error) {
      this.statements.delete(sql);
      try {
        statement.finalize();
      } catch {
        // Finalizing reports the same failure again; the statement is gone either way.
      }
      throw error;
    }
  }
}

const encoder = new TextEncoder();
let scratch = new Uint8Array(64 * 1024);

/**
 * Text to bind as its UTF-8 bytes, for `CAST(? AS TEXT)`: encoded natively into a buffer that every
 * call reuses (the binding encodes a bound string in JavaScript, a character at a time, and
 * Buffer.from allocates per call). The bytes are only valid until the next call: bind them at once.
 */
export function transientUtf8(text: string): Uint8Array {
  if (text.length * 3 > scratch.length) scratch = new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, scratch);
  return scratch.subarray(0, written);
}

export function isSqliteError(error: unknown): boolean {
  return error instanceof Error && error.name === 'SQLite3Error';
}

/** Turns what SQLite threw into a StoreError that names the file and says what is wrong. */
export function translateSqliteError(error: unknown, file: string): StoreError {
  if (error instanceof StoreError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/not a database|malformed/i.test(message)) {
    return new StoreError('corrupt', file, `${file} is not a Klaxon store or is damaged: ${message}`, { cause: error });
  }
  if (/database is locked|busy/i.test(message)) {
    return new StoreError('in-use', file, `${file} is in use by another process: ${message}`, { cause: error });
  }
  if (/could not open|unable to open|readonly|read-only|permission/i.test(message)) {
    return new StoreError('unwritable', file, `cannot open ${file} for writing: ${message}`, { cause: error });
  }
  return new StoreError('io', file, `store ${file}: ${message}`, { cause: error });
}
