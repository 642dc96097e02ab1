import 'reflect-metadata';
import { dataSourceOptions, detectFlavor, mysqlConnectionOptions } from '@countycare/database';
import { SCHEMA } from '@countycare/schema';
import { createConnection } from 'mysql2/promise';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { cliSettings, fail } from './cli-settings';

/**
 * Development only: `npm run migration:generate -- Name` builds a scratch
 * database from the existing migrations on DATABASE_URL's server, diffs it
 * against the entities and writes the difference as a new migration.
 */
async function main(): Promise<void> {
  const name = (process.argv[2] ?? '').replace(/[^A-Za-z0-9]/g, '');
  if (!name) throw new Error('usage: npm run migration:generate -- Name');
  const settings = cliSettings();
  if (settings.database.kind !== 'mysql') throw new Error('set DATABASE_URL to a MySQL/MariaDB server');
  const url = new URL(settings.database.url);
  const scratch = `cc_migration_${Date.now()}`;
  const { username, database: _named, ...server } = mysqlConnectionOptions(settings.database);
  const admin = await createConnection({ ...server, user: username });
  await admin.query(`CREATE DATABASE \`${scratch}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  url.pathname = `/${scratch}`;
  const db = { ...settings.database, url: url.toString() };
  const ds = await new DataSource(dataSourceOptions(db, await detectFlavor(db), SCHEMA)).initialize();
  try {
    await ds.runMigrations();
    const sql = await ds.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      console.log('the entities match the migrations; nothing to generate');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const q = (s: string) => JSON.stringify(s);
    // TypeORM records generated-column expressions in typeorm_metadata under the database's name: use the
    // name of whichever database the migration runs in, not the scratch one it was generated from.
    const params = (p?: unknown[]) => {
      if (!p?.length) return '';
      const items = p.map((v) => (v === scratch ? 'database' : JSON.stringify(v)));
      return `, [${items.join(', ')}]`;
    };
    // Tables are utf8mb4 whatever the server default (Chinese names, rare characters: domain.md §7.2).
    const utf8 = (s: string) => s.replace(/ENGINE=InnoDB$/, "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    // An UPDATE of a changed expression names the table as `<scratch>`.`typeorm_metadata`: unqualified, it is the
    // migrated database's own.
    const own = (s: string) => s.split(`\`${scratch}\`.`).join('');
    const up = sql.upQueries.map((x) => `    await queryRunner.query(${q(utf8(own(x.query)))}${params(x.parameters)});`);
    const down = sql.downQueries.reverse().map((x) => `    await queryRunner.query(${q(own(x.query))}${params(x.parameters)});`);
    const dir = join(process.cwd(), 'libs/schema/src/migrations');
    const file = `${timestamp}-${name}`;
    // the database's name only where a statement names it (generated-column metadata)
    const named = (lines: string[]) => (lines.some((l) => /[[ ]database[,\]]/.test(l)) ? '    const database = await queryRunner.getCurrentDatabase();\n' : '');
    writeFileSync(join(dir, `${file}.ts`), `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${named(up)}${up.join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${named(down)}${down.join('\n')}
  }
}
`);
    const indexPath = join(dir, 'index.ts');
    const index = readFileSync(indexPath, 'utf8')
      .replace(/(\/\*\*[\s\S]*?\*\/\n)/, `import { ${className} } from './${file}';\n$1`)
      .replace(/export const MIGRATIONS: Function\[\] = \[([\s\S]*?)\];/, (_m, list: string) => {
        const items = list.split(',').map((s) => s.trim()).filter(Boolean);
        return `export const MIGRATIONS: Function[] = [${[...items, className].join(', ')}];`;
      });
    writeFileSync(indexPath, index);
    console.log(`wrote libs/schema/src/migrations/${file}.ts (${sql.upQueries.length} statements)`);
  } finally {
    await ds.destroy();
    await admin.query(`DROP DATABASE IF EXISTS \`${scratch}\``);
    await admin.end();
  }
}

main().catch(fail);
