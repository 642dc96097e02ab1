import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Written every HEARTBEAT_INTERVAL_MS; older than HEARTBEAT_MAX_AGE_MS means the worker is stuck or cannot reach the database. */
export const HEARTBEAT_INTERVAL_MS = 15_000;
export const HEARTBEAT_MAX_AGE_MS = 60_000;

/** WORKER_HEARTBEAT_FILE, or one in the temporary folder (in the image: /tmp, writable by the node user). */
export function heartbeatFile(env: Record<string, string | undefined> = process.env): string {
  return env.WORKER_HEARTBEAT_FILE?.trim() || join(tmpdir(), 'countycare-worker.heartbeat');
}

/** Milliseconds since the last heartbeat, or undefined when there has been none. */
export function heartbeatAge(file: string, now = Date.now()): number | undefined {
  try {
    return now - statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}
