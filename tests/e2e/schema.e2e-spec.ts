import { startTestApp, TestApp } from '../fixtures/test-app';

/**
 * design.md "Data": the migrations produce exactly the entities' schema. On
 * MySQL/MariaDB the test database was built by running the migrations; on
 * the embedded SQLite file by synchronize. Either way nothing may be pending.
 */
describe('schema matches the entities', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('has no pending schema changes and no pending migrations', async () => {
    const pending = await t.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    if (t.flavor !== 'sqlite') {
      expect(await t.dataSource.showMigrations()).toBe(false);
      const tables: Array<{ TABLE_COLLATION: string; TABLE_NAME: string }> = await t.dataSource.query(
        'SELECT TABLE_NAME, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
      );
      for (const table of tables) expect([table.TABLE_NAME, table.TABLE_COLLATION]).toEqual([table.TABLE_NAME, expect.stringMatching(/^utf8mb4/)]);
    }
  });
});
