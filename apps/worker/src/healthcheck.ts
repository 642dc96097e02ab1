import { HEARTBEAT_MAX_AGE_MS, heartbeatAge, heartbeatFile } from './heartbeat-file';

/** The worker container's healthcheck: exit 0 while the heartbeat file is fresh (no Nest, no database: it runs every few seconds). */
const file = heartbeatFile();
const age = heartbeatAge(file);
if (age === undefined || age > HEARTBEAT_MAX_AGE_MS) {
  console.error(age === undefined ? `no heartbeat at ${file}` : `last heartbeat ${Math.round(age / 1000)} s ago (${file})`);
  process.exit(1);
}
