/**
 * The store's schema, as a list of migrations applied in order. `schema_version` records every
 * migration applied; a file whose version is newer than this build knows is refused, not touched.
 */
import type { SqliteConnection } from './sqlite.js';
import { StoreError } from './store-error.js';

interface Migration {
  version: number;
  description: string;
  statements: readonly string[];
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'alerts, silences, notification log, history',
    statements: [
      // Append-only: see alert-log.ts. A NULL record is a tombstone.
      'CREATE TABLE alert_log (seq INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL, record TEXT)',
      'CREATE TABLE silences (id TEXT PRIMARY KEY, record TEXT NOT NULL) WITHOUT ROWID',
      `CREATE TABLE notification_log (
         key TEXT PRIMARY KEY, entry TEXT NOT NULL, expires_at INTEGER NOT NULL
       ) WITHOUT ROWID`,
      'CREATE INDEX notification_log_by_expiry ON notification_log (expires_at)',
      `CREATE TABLE history (
         id INTEGER PRIMARY KEY, at INTEGER NOT NULL, kind TEXT NOT NULL,
         fingerprint TEXT, silence_id TEXT, data TEXT
       )`,
      'CREATE INDEX history_by_at ON history (at)',
      'CREATE INDEX history_by_fingerprint ON history (fingerprint, at) WHERE fingerprint IS NOT NULL',
      'CREATE INDEX history_by_silence ON history (silence_id, at) WHERE silence_id IS NOT NULL',
    ],
  },
  {
    version: 2,
    description: 'history_recent: new history events before they are merged into history',
    statements: [
      `CREATE TABLE history_recent (
         id INTEGER PRIMARY KEY, at INTEGER NOT NULL, kind TEXT NOT NULL,
         fingerprint TEXT, silence_id TEXT, data TEXT
       )`,
    ],
  },
  {
    version: 3,
    description: 'history_recent: a row per run of events with the same time and kind',
    statements: [
      // Events of the version 2 table are merged; see history-log.ts for the new one.
      'INSERT INTO history (id, at, kind, fingerprint, silence_id, data) SELECT id, at, kind, fingerprint, silence_id, data FROM history_recent ORDER BY id',
      'DROP TABLE history_recent',
      'CREATE TABLE history_recent (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, kind TEXT NOT NULL, events TEXT NOT NULL)',
    ],
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Brings the file to SCHEMA_VERSION in one transaction; returns the version it had before. */
export function migrate(connection: SqliteConnection): number {
  connection.exec('BEGIN IMMEDIATE');
  try {
    const from = currentVersion(connection);
    if (from > SCHEMA_VERSION) {
      throw new StoreError(
        'incompatible',
        connection.file,
        `${connection.file} has schema version ${from}, newer than this Klaxon knows (${SCHEMA_VERSION}): upgrade Klaxon`,
      );
    }
    for (const migration of MIGRATIONS) {
      if (migration.version <= from) continue;
      for (const statement of migration.statements) connection.exec(statement);
      connection.run('INSERT INTO schema_version (version, description) VALUES (?, ?)', [
        migration.version,
        migration.description,
      ]);
    }
    connection.exec('COMMIT');
    return from;
  } catch (error) {
    if (connection.inTransaction) connection.exec('ROLLBACK');
    throw error;
  }
}

/** 0 for an empty file (creating the version table); refuses a database of some other program. */
function currentVersion(connection: SqliteConnection): number {
  const hasVersionTable = connection.get(
    "SELECT 1 AS present FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
  );
  if (hasVersionTable) {
    return Number(connection.get('SELECT max(version) AS version FROM schema_version')?.['version'] ?? 0);
  }
  const otherTables = connection
    .all("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .map((row) => String(row['name']));
  if (otherTables.length > 0) {
    throw new StoreError(
      'incompatible',
      connection.file,
      `${connection.file} is an SQLite database but not a Klaxon store (it has tables ${otherTables.join(', ')})`,
    );
  }
  connection.exec('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL)');
  return 0;
}
