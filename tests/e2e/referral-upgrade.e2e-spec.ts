import { newId } from '@countycare/common';
import { dataSourceOptions } from '@countycare/database';
import { SCHEMA } from '@countycare/schema';
import { Initial1795504021397 } from '../../libs/schema/src/migrations/1795504021397-Initial';
import { Issue9Hardening1796123926410 } from '../../libs/schema/src/migrations/1796123926410-Issue9Hardening';
import { AuditEventsCompactPartitioned1796128366443 } from '../../libs/schema/src/migrations/1796128366443-AuditEventsCompactPartitioned';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { scratchMysql } from '../fixtures/scratch-mysql';

/** A referral row as the release before issue #12 wrote it (no kind, `urgent` = the green channel). */
async function oldReferral(ds: DataSource, urgency: string): Promise<string> {
  const id = newId();
  await ds.query(
    'INSERT INTO referrals (id, referral_no, county_id, direction, status, urgency, resident_id, from_institution_id, to_institution_id, '
      + 'created_by_id, reason, summary, diagnoses, admitted, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [id, randomBytes(8).toString('hex'), newId(), 'up', 'submitted', urgency, newId(), newId(), newId(), newId(), '胸痛', '摘要',
      JSON.stringify([{ code: 'R07.4', name: '胸痛' }]), 0, 1, '2026-06-01 08:00:00.000', '2026-06-01 08:00:00.000'],
  );
  return id;
}

const read = async (ds: DataSource, id: string) =>
  (await ds.query('SELECT urgency, urgency_rank, kind FROM referrals WHERE id = ?', [id]))[0] as { urgency: string; urgency_rank: number; kind: string };

/**
 * Upgrading a database written before issue #12 keeps each referral's meaning:
 * the green channel was `urgent` and is `emergent` now (the MySQL migration
 * ReferralPriorityKindInsurance; the embedded file's upgrade on connecting).
 */
describe('referrals written before issue #12 keep their green channel through the upgrade', () => {
  const serverUrl = process.env.DATABASE_URL;

  it('old `urgent` becomes `emergent` (first in the queue), routine stays; later urgent referrals are never touched', async () => {
    let open: (migrations?: Function[]) => Promise<DataSource>;
    let cleanup: () => Promise<void>;
    if (serverUrl) {
      const scratch = await scratchMysql(serverUrl, 'r');
      open = async (migrations) => {
        const ds = await new DataSource({ ...scratch.options, ...(migrations && { migrations }) } as DataSourceOptions).initialize();
        await ds.runMigrations();
        return ds;
      };
      cleanup = () => scratch.drop();
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'cc-referral-upgrade-'));
      const path = join(dir, 'old.sqlite');
      open = async (migrations) => {
        if (!migrations) return new DataSource(dataSourceOptions({ kind: 'sqlite', path }, 'sqlite', SCHEMA)).initialize();
        // the file as the release before made it: today's tables without the referral's kind, and no upgrade run
        const ds = await new DataSource(dataSourceOptions({ kind: 'sqlite', path }, 'sqlite', { ...SCHEMA, embeddedUpgrades: [] })).initialize();
        await ds.query('ALTER TABLE referrals DROP COLUMN kind');
        return ds;
      };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
    try {
      const old = await open([Initial1795504021397, Issue9Hardening1796123926410, AuditEventsCompactPartitioned1796128366443]);
      const green = await oldReferral(old, 'urgent');
      const routine = await oldReferral(old, 'routine');
      await old.destroy();

      const upgraded = await open();
      expect(await read(upgraded, green)).toEqual({ urgency: 'emergent', urgency_rank: 0, kind: 'outpatient' });
      expect(await read(upgraded, routine)).toEqual({ urgency: 'routine', urgency_rank: 2, kind: 'outpatient' });
      const urgentNow = await oldReferral(upgraded, 'urgent');
      expect((await read(upgraded, urgentNow)).urgency_rank).toBe(1);
      await upgraded.destroy();

      // starting again upgrades nothing more
      const again = await open();
      expect((await read(again, urgentNow)).urgency).toBe('urgent');
      expect((await read(again, green)).urgency).toBe('emergent');
      await again.destroy();
    } finally {
      await cleanup();
    }
  });
});
