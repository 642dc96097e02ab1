/** Seconds a client should wait before retrying while the database cannot be reached. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * Error codes of a database that cannot be reached or cannot serve right now,
 * as opposed to a query that is wrong: socket errors and mysql2's lost
 * connections, a server out of connections or shutting down, and SQLite's
 * busy, unopenable or failing file.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR', 'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'PROTOCOL_ENQUEUE_HANDSHAKE_TWICE', 'ER_CON_COUNT_ERROR', 'ER_TOO_MANY_USER_CONNECTIONS', 'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED', 'ER_CLIENT_INTERACTION_TIMEOUT',
]);
/** SQLite's extended codes refine these (SQLITE_IOERR_READ, SQLITE_BUSY_TIMEOUT…). */
const UNAVAILABLE_SQLITE_PREFIXES = ['SQLITE_BUSY', 'SQLITE_CANTOPEN', 'SQLITE_IOERR', 'SQLITE_FULL'];

/** TypeORM's errors for a data source that is not (or no longer) connected. */
const UNAVAILABLE_NAMES = new Set(['CannotExecuteNotConnectedError', 'ConnectionIsNotSetError']);

const UNAVAILABLE_MESSAGES = [
  /Connection lost/i,
  /connection is in closed state/i,
  /Pool is closed/i,
  /Queue limit reached/i,
  /timeout.*acquir|acquir.*timeout/i,
  /connection is not (yet )?(open|established)/i,
  /database connection is not open/i,
  /Can't connect to (local )?(MySQL|MariaDB) server/i,
  /disk I\/O error/i,
  /unable to open database file/i,
  /database is locked/i,
];

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

function matches(e: ErrorLike): boolean {
  if (typeof e.code === 'string' && (UNAVAILABLE_CODES.has(e.code) || UNAVAILABLE_SQLITE_PREFIXES.some((p) => (e.code as string).startsWith(p)))) return true;
  if (typeof e.name === 'string' && UNAVAILABLE_NAMES.has(e.name)) return true;
  return typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(e.message as string));
}

/**
 * Whether an error says the database is down or unreachable (503, retry
 * later) rather than that a statement failed. Looks through the wrappers
 * TypeORM (`driverError`), Node (`cause`) and AggregateError (`errors`) put
 * around the driver's error.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const pending: unknown[] = [error];
  const seen = new Set<unknown>();
  while (pending.length > 0) {
    const e = pending.pop();
    if (typeof e !== 'object' || e === null || seen.has(e)) continue;
    seen.add(e);
    const like = e as ErrorLike;
    if (matches(like)) return true;
    pending.push(like.driverError, like.cause);
    if (Array.isArray(like.errors)) pending.push(...like.errors);
  }
  return false;
}
