import { Brackets, ObjectLiteral, SelectQueryBuilder, WhereExpressionBuilder } from 'typeorm';
import { ProblemException } from '../problem/problem';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** One column of a stable sort; the last key must be unique (usually the id). */
export interface SortKey<T> {
  /** Property path as the query builder knows it, e.g. 'c.submittedAt'. */
  column: string;
  direction: 'ASC' | 'DESC';
  /** Reads the key's value from a loaded row, for the next cursor. */
  value: (row: T) => string | number | Date | null;
  /** 'instant' keys travel in the cursor as ISO strings and are compared as dates. */
  kind?: 'instant';
}

/** The same page with each item turned into its view. */
export function mapPage<T, V>(page: Page<T>, view: (item: T) => V): Page<V> {
  return { items: page.items.map(view), nextCursor: page.nextCursor };
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 200;

type CursorValue = string | number | null;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, expectedLength: number): CursorValue[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === expectedLength &&
      values.every((v) => v === null || typeof v === 'string' || typeof v === 'number')
    ) {
      return values;
    }
  } catch {
    // fall through: any undecodable cursor is the client's mistake
  }
  throw new ProblemException(400, 'validation_failed', { count: 1 }, [{ field: 'cursor', code: 'invalid_cursor' }]);
}

function toCursorValue(v: string | number | Date | null): CursorValue {
  return v instanceof Date ? v.toISOString() : v;
}

/**
 * Keyset pagination: adds "after the cursor" to the query, orders by the
 * keys, fetches one row more than asked to know whether a next page exists.
 * `(a, b) > (x, y)` is written out as `a > x OR (a = x AND b > y)` so both
 * MySQL and SQLite serve it from the composite index.
 */
export async function keysetPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  keys: SortKey<T>[],
  opts: { limit?: number; cursor?: string },
): Promise<Page<T>> {
  const limit = Math.min(Math.max(opts.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  if (opts.cursor) {
    const values = decodeCursor(opts.cursor, keys.length).map((v, i) => {
      if (keys[i].kind !== 'instant' || typeof v !== 'string') return v;
      const date = new Date(v);
      if (Number.isNaN(date.getTime())) throw new ProblemException(400, 'validation_failed', { count: 1 }, [{ field: 'cursor', code: 'invalid_cursor' }]);
      return date;
    });
    qb.andWhere(
      new Brackets((outer: WhereExpressionBuilder) => {
        keys.forEach((key, i) => {
          outer.orWhere(
            new Brackets((inner: WhereExpressionBuilder) => {
              for (let j = 0; j < i; j++) inner.andWhere(`${keys[j].column} = :ks_${j}`, { [`ks_${j}`]: values[j] });
              inner.andWhere(`${key.column} ${key.direction === 'ASC' ? '>' : '<'} :ks_${i}`, { [`ks_${i}`]: values[i] });
            }),
          );
        });
      }),
    );
  }
  keys.forEach((key, i) => (i === 0 ? qb.orderBy(key.column, key.direction) : qb.addOrderBy(key.column, key.direction)));
  const rows = await qb.take(undefined).limit(limit + 1).getMany();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor(keys.map((k) => toCursorValue(k.value(last)))) : null;
  return { items, nextCursor };
}

/** One column of a stable sort in fixed SQL (`f.due_date`), the last one unique. */
export interface SqlSortKey {
  column: string;
  direction: 'ASC' | 'DESC';
  kind?: 'instant';
}

/**
 * The keyset parts of a fixed statement: `after` (an `AND (…)` clause, empty
 * on the first page) with its parameters, the ORDER BY list and how many rows
 * to fetch (one more than the page, to know whether another follows). Same
 * cursors as keysetPage.
 */
export function keysetSql(keys: SqlSortKey[], opts: { limit?: number; cursor?: string }): {
  after: string; params: unknown[]; orderBy: string; fetch: number; limit: number;
} {
  const limit = Math.min(Math.max(opts.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const orderBy = keys.map((k) => `${k.column} ${k.direction}`).join(', ');
  if (!opts.cursor) return { after: '', params: [], orderBy, fetch: limit + 1, limit };
  const values = decodeCursor(opts.cursor, keys.length).map((v, i) => {
    if (keys[i].kind !== 'instant' || typeof v !== 'string') return v;
    const date = new Date(v);
    if (Number.isNaN(date.getTime())) throw new ProblemException(400, 'validation_failed', { count: 1 }, [{ field: 'cursor', code: 'invalid_cursor' }]);
    return date;
  });
  const params: unknown[] = [];
  const branches = keys.map((key, i) => {
    const parts: string[] = [];
    for (let j = 0; j < i; j++) {
      parts.push(`${keys[j].column} = ?`);
      params.push(values[j]);
    }
    parts.push(`${key.column} ${key.direction === 'ASC' ? '>' : '<'} ?`);
    params.push(values[i]);
    return `(${parts.join(' AND ')})`;
  });
  return { after: ` AND (${branches.join(' OR ')})`, params, orderBy, fetch: limit + 1, limit };
}

/** A page from rows fetched with keysetSql's `fetch`; `keyValues` reads the sort keys of a row for the next cursor. */
export function sqlPage<T>(rows: T[], limit: number, keyValues: (row: T) => Array<string | number | Date | null>): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyValues(last).map(toCursorValue)) : null };
}
