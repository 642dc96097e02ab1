import type { Pool } from 'mysql2/promise';
import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

export interface TableTiming {
  table: string;
  rows: number;
  statements: number;
  /** From the first statement sent to the last one answered (the table's share of the seed's wall clock). */
  spanMs: number;
}

/** UTC, as TypeORM writes instants with `timezone: 'Z'`. */
function sqlInstant(d: Date): string {
  return d.toISOString().slice(0, 23).replace('T', ' ');
}

/**
 * One table's multi-row INSERT statements. The column list comes from the
 * entity's TypeORM metadata (generated columns left out), and values are
 * converted the way TypeORM stores them: instants in UTC, booleans as 0/1,
 * simple-json as JSON text; version 1 and the row timestamps when not given.
 */
export class TableWriter<T extends ObjectLiteral> {
  readonly name: string;
  private readonly columns: ColumnMetadata[];
  private readonly sql: string;
  private batch: unknown[][] = [];
  rows = 0;
  statements = 0;
  first = Number.POSITIVE_INFINITY;
  last = 0;

  constructor(
    private readonly writer: BulkWriter,
    dataSource: DataSource,
    entity: EntityTarget<T>,
    private readonly batchSize: number,
  ) {
    const meta = dataSource.getMetadata(entity);
    this.name = meta.tableName;
    this.columns = meta.columns.filter((c) => c.isInsert && !c.generatedType && !c.isVirtualProperty);
    this.sql = `INSERT INTO \`${meta.tableName}\` (${this.columns.map((c) => `\`${c.databaseName}\``).join(', ')}) VALUES ?`;
  }

  async add(row: Partial<T>): Promise<void> {
    this.batch.push(this.columns.map((c) => this.value(c, row as Record<string, unknown>)));
    if (this.batch.length >= this.batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const rows = this.batch;
    this.batch = [];
    await this.writer.submit(this, this.sql, rows);
  }

  timing(): TableTiming {
    return { table: this.name, rows: this.rows, statements: this.statements, spanMs: this.rows ? this.last - this.first : 0 };
  }

  private value(c: ColumnMetadata, row: Record<string, unknown>): unknown {
    let v = row[c.propertyName];
    if (v === undefined) {
      if (c.isVersion) v = 1;
      else if (c.isCreateDate || c.isUpdateDate) v = this.writer.now;
      else if (c.default !== undefined && typeof c.default !== 'function') v = c.default;
      else if (c.isNullable) v = null;
      else throw new Error(`bench seed: ${this.name}.${c.databaseName} has no value`);
    }
    if (v === null) return null;
    if (c.type === 'simple-json') return JSON.stringify(v);
    if (v instanceof Date) return sqlInstant(v);
    if (typeof v === 'boolean') return v ? 1 : 0;
    return v;
  }
}

/**
 * Sends the tables' statements over a small mysql2 pool, a few at a time, so
 * the seed generates the next rows while MariaDB writes the previous ones.
 */
export class BulkWriter {
  readonly now = new Date();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly tables: Array<TableWriter<ObjectLiteral>> = [];
  private failure: Error | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly dataSource: DataSource,
    private readonly maxInFlight: number,
  ) {}

  table<T extends ObjectLiteral>(entity: EntityTarget<T>, batchSize = 2000): TableWriter<T> {
    const writer = new TableWriter<T>(this, this.dataSource, entity, batchSize);
    this.tables.push(writer as unknown as TableWriter<ObjectLiteral>);
    return writer;
  }

  async submit(table: TableWriter<ObjectLiteral>, sql: string, rows: unknown[][]): Promise<void> {
    while (this.inFlight.size >= this.maxInFlight) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure;
    table.first = Math.min(table.first, performance.now());
    const sent: Promise<void> = this.pool.query(sql, [rows]).then(
      () => {
        table.rows += rows.length;
        table.statements += 1;
        table.last = performance.now();
      },
      (e: Error) => {
        this.failure ??= new Error(`bench seed: INSERT INTO ${table.name} failed: ${e.message}`);
      },
    ).finally(() => this.inFlight.delete(sent));
    this.inFlight.add(sent);
  }

  /** Flushes every table's last partial batch and waits for everything sent. */
  async drain(): Promise<void> {
    for (const t of this.tables) await t.flush();
    await Promise.all([...this.inFlight]);
    if (this.failure) throw this.failure;
  }

  timings(): TableTiming[] {
    const byName = new Map<string, TableTiming>();
    for (const t of this.tables) {
      const s = t.timing();
      const seen = byName.get(s.table);
      byName.set(s.table, seen ? { ...seen, rows: seen.rows + s.rows, statements: seen.statements + s.statements, spanMs: seen.spanMs + s.spanMs } : s);
    }
    return [...byName.values()];
  }
}
