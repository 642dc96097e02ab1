import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * One multi-row INSERT … ON DUPLICATE KEY UPDATE (MySQL/MariaDB) or
 * INSERT … ON CONFLICT … DO UPDATE (SQLite) of whole entities, with `?`
 * placeholders and values converted by the driver. TypeORM's query builder
 * does the same but spends most of a 1,000-row batch renaming and copying
 * its named parameters; this is the roster import's hot path.
 */
export async function bulkUpsert<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: readonly T[],
  conflictColumn: string,
  updateColumns: readonly string[],
): Promise<void> {
  if (rows.length === 0) return;
  const meta = em.connection.getMetadata(target);
  const driver = em.connection.driver;
  const columns = meta.columns.filter((c) => c.isInsert && !c.generatedType);
  const q = (name: string) => driver.escape(name);
  const params: unknown[] = [];
  for (const row of rows) for (const column of columns) params.push(driver.preparePersistentValue(column.getEntityValue(row), column));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const insert = `INSERT INTO ${q(meta.tableName)} (${columns.map((c) => q(c.databaseName)).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`;
  const update = driver.options.type === 'better-sqlite3'
    ? ` ON CONFLICT (${q(conflictColumn)}) DO UPDATE SET ${updateColumns.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}`
    : ` ON DUPLICATE KEY UPDATE ${updateColumns.map((c) => `${q(c)} = VALUES(${q(c)})`).join(', ')}`;
  await em.query(insert + update, params);
}
