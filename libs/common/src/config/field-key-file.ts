import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The name releases before issue #9 gave every embedded database's key, whatever the database was called. */
export const LEGACY_KEY_FILE_NAME = 'field-encryption.key';

/** `data/countycare.sqlite` → `data/countycare.sqlite.key`: one key per database, so two databases in a folder never share one. */
export function keyFileFor(databasePath: string): string {
  return `${databasePath}.key`;
}

/**
 * The embedded database's field key, from the key file named after it,
 * created with a fresh random key for a new database. A database from an
 * older release adopts the shared `field-encryption.key` beside it by copy
 * (not rename: another database in the same folder may need it too). An
 * existing database without any key file is refused: a new key would leave
 * its ID and phone numbers unreadable.
 */
export function readOrCreateKeyFile(databasePath: string, problems: string[]): Buffer | undefined {
  const file = keyFileFor(databasePath);
  const legacy = join(dirname(databasePath), LEGACY_KEY_FILE_NAME);
  const databaseExists = existsSync(databasePath);
  if (!existsSync(file)) {
    if (databaseExists && existsSync(legacy)) {
      copyFileSync(legacy, file);
    } else if (databaseExists) {
      problems.push(
        `SQLITE_PATH: ${databasePath} exists but its key file ${basename(file)} does not; restore the key file ` +
          '(or set FIELD_ENCRYPTION_KEY to its key): a new key could not read the encrypted ID and phone numbers',
      );
      return undefined;
    } else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    }
  }
  const hex = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    problems.push(`SQLITE_PATH: the key file ${file} does not hold 64 hex characters`);
    return undefined;
  }
  return Buffer.from(hex, 'hex');
}
