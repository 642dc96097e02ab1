import { useEffect, useState } from 'react';
import { authFetch } from '../api/client';
import { isRetryable, NetworkError, problemOf, type ProblemView } from '../api/problem';
import { database } from './db';

export type OutboxKind = 'service' | 'round';
export type OutboxStatus = 'pending' | 'syncing' | 'synced' | 'refused';

/** One service or round recorded on this device. Its id is the record's `clientId` and its `Idempotency-Key`. */
export interface OutboxEntry {
  id: string;
  userId: string;
  kind: OutboxKind;
  /** API path the record is POSTed to, e.g. /api/v1/contracts/{id}/services */
  path: string;
  body: Record<string, unknown>;
  /** What the user sees in the list: resident (masked) and what was done */
  summary: string;
  /** The app screen the record belongs to (contract or sickbed) */
  screen: string;
  createdAt: string;
  status: OutboxStatus;
  attempts: number;
  problem?: ProblemView;
  resultId?: string;
  syncedAt?: string;
}

const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());
let activeUser: string | null = null;

/** Records a service or round: kept on the device first, then sent (now if online, else when the network returns). */
export async function enqueue(entry: Pick<OutboxEntry, 'userId' | 'kind' | 'path' | 'body' | 'summary' | 'screen'>): Promise<OutboxEntry> {
  const id = crypto.randomUUID();
  const stored: OutboxEntry = { ...entry, id, body: { ...entry.body, clientId: id }, createdAt: new Date().toISOString(), status: 'pending', attempts: 0 };
  await (await database()).put('outbox', stored);
  changed();
  void replay();
  return stored;
}

let replaying: Promise<void> | null = null;

/** Sends the user's pending records, oldest first; stops at the first that finds no network. One run at a time, across tabs too. */
export function replay(): Promise<void> {
  if (!activeUser) return Promise.resolve();
  const userId = activeUser;
  const run = async () => {
    const store = await database();
    const pending = (await store.getAllFromIndex('outbox', 'byUser', userId))
      .filter((e) => e.status === 'pending' || e.status === 'syncing')
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const entry of pending) {
      await store.put('outbox', { ...entry, status: 'syncing' });
      changed();
      const outcome = await send(entry);
      await store.put('outbox', { ...entry, ...outcome, attempts: entry.attempts + 1 });
      changed();
      if (outcome.status === 'pending') break;
    }
  };
  const locked = () => (navigator.locks ? navigator.locks.request('countycare-outbox', run) : run());
  replaying ??= locked().finally(() => {
    replaying = null;
  });
  return replaying;
}

async function send(entry: OutboxEntry): Promise<Partial<OutboxEntry>> {
  try {
    const response = await authFetch(new Request(`${__API_BASE_URL__}${entry.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': entry.id },
      body: JSON.stringify(entry.body),
    }));
    if (response.ok) {
      const body = (await response.json()) as { id?: string };
      return { status: 'synced', resultId: body.id, syncedAt: new Date().toISOString(), problem: undefined };
    }
    const problem = await problemOf(response);
    // 401: the session ended, the record waits for the next sign-in of this user; idempotency_in_progress: the first
    // copy is still being written (a lost answer), asking again gets its result
    if (response.status === 401 || isRetryable(response.status) || problem.code === 'idempotency_in_progress') return { status: 'pending', problem };
    return { status: 'refused', problem };
  } catch (error) {
    if (error instanceof NetworkError) return { status: 'pending' };
    throw error;
  }
}

/** The signed-in user's outbox starts (and replays whenever the browser says the network is back, and every 30 s). */
export function startOutbox(userId: string | null): () => void {
  activeUser = userId;
  if (!userId) return () => undefined;
  const online = () => void replay();
  window.addEventListener('online', online);
  const timer = window.setInterval(online, 30_000);
  void replay();
  return () => {
    window.removeEventListener('online', online);
    window.clearInterval(timer);
    activeUser = null;
  };
}

export async function outboxEntries(userId: string): Promise<OutboxEntry[]> {
  const all = await (await database()).getAllFromIndex('outbox', 'byUser', userId);
  return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** A refused record the user has read and set aside. */
export async function dismiss(id: string): Promise<void> {
  await (await database()).delete('outbox', id);
  changed();
}

/** The user's records, newest first, kept current as they are sent. */
export function useOutbox(userId: string | undefined): OutboxEntry[] {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  useEffect(() => {
    if (!userId) return;
    let live = true;
    const load = () => void outboxEntries(userId).then((e) => live && setEntries(e));
    listeners.add(load);
    load();
    return () => {
      live = false;
      listeners.delete(load);
    };
  }, [userId]);
  return entries;
}
