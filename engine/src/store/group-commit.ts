/**
 * Group commit: every write runs at once inside the open transaction (so reads see it), and the
 * transaction commits on the next turn of the event loop, taking with it every write made until
 * then. A write's promise settles only after the transaction holding it has committed (or failed).
 * Each write is atomic on its own: it runs in a savepoint, undone if it throws.
 */
export interface TransactionalConnection {
  /** Runs one statement without parameters. */
  command(sql: string): void;
  readonly inTransaction: boolean;
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
  /** False for a flush() waiting on the batch without writing. */
  isWrite: boolean;
}

export class GroupCommit {
  private waiting: Waiter[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private committed = 0;
  private written = 0;

  constructor(
    private readonly connection: TransactionalConnection,
    /** Maps what SQLite threw to the error callers see. */
    private readonly toError: (error: unknown) => Error,
    /** Called after any write or transaction was undone, for state kept beside the database. */
    private readonly afterRollback: () => void = () => {},
    /** Called after each commit. */
    private readonly afterCommit: () => void = () => {},
  ) {}

  /** Transactions committed so far. */
  get transactions(): number {
    return this.committed;
  }

  /** Writes committed so far. */
  get writes(): number {
    return this.written;
  }

  /** Runs `apply` in the current transaction; resolves to its result once that has committed. */
  write<T>(apply: () => T): Promise<T> {
    let result: T;
    try {
      if (!this.connection.inTransaction) this.connection.command('BEGIN IMMEDIATE');
      this.connection.command('SAVEPOINT write');
      try {
        result = apply();
        this.connection.command('RELEASE write');
      } catch (error) {
        this.undoWrite(error);
        throw error;
      }
    } catch (error) {
      return Promise.reject(this.toError(error));
    }
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ resolve: () => resolve(result), reject, isWrite: true });
      this.scheduleCommit();
    });
  }

  /** Commits now whatever has been written; resolves once it is on file. */
  flush(): Promise<void> {
    if (!this.connection.inTransaction) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => this.waiting.push({ resolve, reject, isWrite: false }));
    this.commit();
    return done;
  }

  /** Stops the scheduled commit; call after a last flush(). */
  stop(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
  }

  private scheduleCommit(): void {
    this.scheduled ??= setImmediate(() => this.commit());
  }

  private commit(): void {
    this.stop();
    const batch = this.waiting;
    this.waiting = [];
    if (!this.connection.inTransaction) return;
    try {
      this.connection.command('COMMIT');
    } catch (error) {
      this.rollbackQuietly();
      this.notifyRollback();
      const failure = this.toError(error);
      for (const waiter of batch) waiter.reject(failure);
      return;
    }
    this.committed++;
    this.afterCommit();
    this.written += batch.filter((waiter) => waiter.isWrite).length;
    for (const waiter of batch) waiter.resolve();
  }

  /**
   * Undoes a failed write. When SQLite has already rolled back the whole transaction (disk full, I/O
   * error), the writes before it in the batch are gone too, and their promises are rejected.
   */
  private undoWrite(error: unknown): void {
    if (this.connection.inTransaction) {
      this.connection.command('ROLLBACK TO write');
      this.connection.command('RELEASE write');
      if (this.waiting.length === 0) this.rollbackQuietly();
      this.notifyRollback();
      return;
    }
    this.notifyRollback();
    const lost = this.waiting;
    this.waiting = [];
    const failure = this.toError(error);
    for (const waiter of lost) waiter.reject(failure);
  }

  private notifyRollback(): void {
    try {
      this.afterRollback();
    } catch {
      // Runs where no caller can be told (a commit on the event loop); the next write will fail too.
    }
  }

  private rollbackQuietly(): void {
    try {
      if (this.connection.inTransaction) this.connection.command('ROLLBACK');
    } catch {
      // The transaction is already gone; nothing else to undo.
    }
  }
}
