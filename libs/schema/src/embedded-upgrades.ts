import type { EmbeddedDatabase } from '@countycare/database';

const columnsOf = (db: EmbeddedDatabase, table: string): string[] =>
  (db.prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string }>).map((c) => c.name);

/**
 * Until referrals had a kind (issue #12), `urgent` was the green channel; it is
 * now `emergent` (migration ReferralPriorityKindInsurance on MySQL). A file
 * whose referrals table has no `kind` column is from before: its green-channel
 * referrals keep what they were.
 */
function referralGreenChannel(db: EmbeddedDatabase): void {
  const columns = columnsOf(db, 'referrals');
  if (columns.length === 0 || columns.includes('kind')) return;
  db.prepare("UPDATE referrals SET urgency = 'emergent' WHERE urgency = 'urgent'").run();
}

/** In release order; each must be safe to run on every start (it decides by the file's shape). */
export const EMBEDDED_UPGRADES = [referralGreenChannel];
