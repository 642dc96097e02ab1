import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { OutboxEntry } from './outbox';

interface CountyCareDb extends DBSchema {
  /** Services and rounds recorded on this device, until the API has them (and a while after, to show "synced"). */
  outbox: { key: string; value: OutboxEntry; indexes: { byUser: string } };
  /** The last answer of the reads a clinician needs offline (today's worklists, contracts opened), per user. */
  cache: { key: string; value: { key: string; userId: string; savedAt: string; data: unknown }; indexes: { byUser: string } };
}

let db: Promise<IDBPDatabase<CountyCareDb>> | null = null;

export function database(): Promise<IDBPDatabase<CountyCareDb>> {
  db ??= openDB<CountyCareDb>('countycare', 1, {
    upgrade(store) {
      store.createObjectStore('outbox', { keyPath: 'id' }).createIndex('byUser', 'userId');
      store.createObjectStore('cache', { keyPath: 'key' }).createIndex('byUser', 'userId');
    },
  });
  return db;
}

/** Sign-out: the health data this device kept for the user goes (the outbox only once the user has agreed to lose it). */
export async function wipeUserData(userId: string, withOutbox: boolean): Promise<void> {
  const store = await database();
  const tx = store.transaction(['cache', 'outbox'], 'readwrite');
  for (const key of await tx.objectStore('cache').index('byUser').getAllKeys(userId)) await tx.objectStore('cache').delete(key);
  for (const entry of await tx.objectStore('outbox').index('byUser').getAll(userId)) {
    if (withOutbox || entry.status === 'synced' || entry.status === 'refused') await tx.objectStore('outbox').delete(entry.id);
  }
  await tx.done;
}
