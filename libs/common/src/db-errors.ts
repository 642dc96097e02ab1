/** True when a write failed on a unique key, whichever driver raised it. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string; message?: string }; message?: string } | null;
  if (!e || typeof e !== 'object') return false;
  const code = e.driverError?.code ?? e.code;
  if (code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return true;
  const text = e.driverError?.message ?? e.message ?? '';
  return /UNIQUE constraint failed|Duplicate entry/.test(text);
}

/** The unique index a violation was raised on, when the driver names it. */
export function violatedIndex(error: unknown): string | undefined {
  const e = error as { driverError?: { message?: string; sqlMessage?: string }; message?: string };
  const text = e?.driverError?.sqlMessage ?? e?.driverError?.message ?? e?.message ?? '';
  const mysql = /for key '(?:[^'.]+\.)?([^']+)'/.exec(text);
  if (mysql) return mysql[1];
  const sqlite = /UNIQUE constraint failed: (.+)$/.exec(text);
  return sqlite ? sqlite[1] : undefined;
}

/** Text for a `LIKE … ESCAPE '!'` pattern: the user's `%`, `_` and `!` match themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}
