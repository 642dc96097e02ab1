import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ReplicaReads } from '@countycare/database';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Connection, createConnection } from 'mysql2/promise';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { buildApp } from '../../apps/api/src/bootstrap';
import { deleteKeysUnder, TEST_REDIS_URL, testKeyPrefix, testRedis } from '../fixtures/redis';
import { createPackages, newResident, signContract } from '../fixtures/contracts';
import { createReferral, upReferralBody } from '../fixtures/referrals';
import { applyFor, newResidentA } from '../fixtures/sickbeds';
import { TcpProxy } from '../fixtures/tcp-proxy';
import { startTestApp, TestApp } from '../fixtures/test-app';
import { buildWorld, StaffKey, World } from '../fixtures/world';

const run = promisify(execFile);
const PAIR_SCRIPT = join(__dirname, '../../scripts/replica-pair.sh');
const PRIMARY_PORT = Number(process.env.REPLICA_PAIR_PRIMARY_PORT ?? 3310);
const REPLICA_PORT = Number(process.env.REPLICA_PAIR_REPLICA_PORT ?? 3311);
const MAX_LAG_MS = 1500;
const CHECK_MS = 100;

/**
 * Read replicas against a real one (issue #10, architecture.md "Outgrowing
 * one machine"): the private MariaDB pair of scripts/replica-pair.sh, a
 * primary with a binary log and a replica following it by GTID, started
 * here unless already running (.ci/run starts it). The test database is
 * built on the primary and reaches the replica by replication. The API
 * reaches the replica through a TCP proxy, so the replica can be taken away.
 *
 * What a read saw tells where it ran: with the replica's replication
 * stopped, a record written since is on the primary only.
 */
describe('read replicas (lists and indicators on a MariaDB replica)', () => {
  let startedPair = false;
  let proxy: TcpProxy;
  let replicaAdmin: Connection;
  let t: TestApp;
  let w: World;
  let replicas: ReplicaReads;
  /** A second API process on the same database and Redis (a cluster worker, or another host). */
  let other: NestFastifyApplication;
  let otherHttp: TestAgent;
  const redisPrefix = testKeyPrefix('replica-reads');
  const warnings = jest.spyOn(Logger.prototype, 'warn');

  beforeAll(async () => {
    await (await testRedis()).quit();
    try {
      await run(PAIR_SCRIPT, ['status']);
    } catch {
      await run(PAIR_SCRIPT, ['start']);
      startedPair = true;
    }
    replicaAdmin = await createConnection({ host: '127.0.0.1', port: REPLICA_PORT, user: 'root' });
    proxy = await new TcpProxy({ host: '127.0.0.1', port: REPLICA_PORT }).start();
    t = await startTestApp({
      DATABASE_REPLICA_URLS: `mysql://root@${proxy.url}`,
      REPLICA_MAX_LAG_MS: String(MAX_LAG_MS),
      REPLICA_LAG_CHECK_MS: String(CHECK_MS),
      API_WORKERS: '2',
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: redisPrefix,
    }, { serverUrl: `mysql://root@127.0.0.1:${PRIMARY_PORT}/countycare_replica` });
    replicas = t.app.get(ReplicaReads);
    w = await buildWorld(t);
    other = await buildApp(t.settings, t.flavor, { logger: false, docsUi: false });
    await other.init();
    await other.getHttpAdapter().getInstance().ready();
    otherHttp = request(other.getHttpServer());
  });

  afterAll(async () => {
    await replicaAdmin?.query('START SLAVE').catch(() => undefined);
    await other?.close();
    await t?.close();
    await proxy?.close();
    await replicaAdmin?.end();
    const redis = await testRedis();
    await deleteKeysUnder(redis, redisPrefix);
    await redis.quit();
    if (startedPair) await run(PAIR_SCRIPT, ['stop']);
  });

  afterEach(async () => {
    await proxy.restore();
    await replicaAdmin.query('START SLAVE');
  });

  /** Until the replica has applied everything written so far, and this process knows it: every earlier write mark is covered. */
  async function settled(): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await replicas.checkNow();
      await replicas.checkNow();
      const [status] = replicas.status();
      if (status.state === 'serving' && status.lagMs === 0) return;
      if (Date.now() > deadline) throw new Error(`the replica did not catch up: ${JSON.stringify(status)}`);
    }
  }

  async function stoppedReplication(): Promise<void> {
    await settled();
    await replicaAdmin.query('STOP SLAVE');
  }

  async function referralIds(who: StaffKey, http: TestAgent = t.http): Promise<string[]> {
    const res = await http.get('/api/v1/referrals?limit=200').set('authorization', await w.as(who));
    expect(res.status).toBe(200);
    return res.body.items.map((r: { id: string }) => r.id);
  }

  it('keeps a user\'s reads after their own write on the primary, while another user reads the replica', async () => {
    await stoppedReplication();
    const written = await createReferral(w, 'gpA1', upReferralBody(w));

    expect(await referralIds('gpA1')).toContain(written.id);
    // the county admin may see it too, but reads the replica, which has not got it
    expect(await referralIds('countyAdminA')).not.toContain(written.id);

    await replicaAdmin.query('START SLAVE');
    await settled();
    expect(await referralIds('countyAdminA')).toContain(written.id);
    expect(await referralIds('gpA1')).toContain(written.id);
  });

  it('keeps it on the primary on another API process too (the mark is shared through Redis)', async () => {
    await stoppedReplication();
    const written = await createReferral(w, 'gpA1', upReferralBody(w));
    expect(await referralIds('gpA1', otherHttp)).toContain(written.id);
    expect(await referralIds('countyAdminA', otherHttp)).not.toContain(written.id);
  });

  it('does the same for the household sickbed list', async () => {
    const resident = await newResidentA(w);
    await stoppedReplication();
    const episode = await applyFor(w, resident);
    const ids = async (who: StaffKey) => {
      const res = await t.http.get('/api/v1/sickbeds?limit=200').set('authorization', await w.as(who));
      expect(res.status).toBe(200);
      return res.body.items.map((s: { id: string }) => s.id);
    };
    expect(await ids('gpA1')).toContain(episode.id);
    expect(await ids('countyAdminA')).not.toContain(episode.id);
  });

  it('serves the worklists and the other lists from the replica as well: the desk queue, the team\'s contracts, the resident search', async () => {
    const packages = await createPackages(w, 'replica');
    const resident = await newResident(w);
    await stoppedReplication();
    const referral = await createReferral(w, 'gpA1', upReferralBody(w, { submit: true }));
    const contract = await signContract(w, resident.id, { packages });
    const registered = await newResident(w);
    const ids = async (who: StaffKey, path: string) => {
      const res = await t.http.get(`/api/v1/${path}`).set('authorization', await w.as(who));
      expect(res.status).toBe(200);
      return res.body.items.map((i: { id: string }) => i.id);
    };
    // the desk clerk and the team's nurse wrote nothing: the replica, which has neither
    expect(await ids('deskA', 'referral-desk/queue?limit=200')).not.toContain(referral.id);
    expect(await ids('nurseA1', 'contracts?limit=200')).not.toContain(contract.id);
    // the GP who signed reads the primary
    expect(await ids('nurseA1', `residents?countyId=${w.countyA}&limit=200`)).not.toContain(registered.id);
    expect(await ids('gpA1', 'contracts?limit=200')).toContain(contract.id);
    await replicaAdmin.query('START SLAVE');
    await settled();
    expect(await ids('deskA', 'referral-desk/queue?limit=200')).toContain(referral.id);
    expect(await ids('nurseA1', 'contracts?limit=200')).toContain(contract.id);
    expect(await ids('nurseA1', `residents?countyId=${w.countyA}&limit=200`)).toContain(registered.id);
  });

  it('counts the indicators on the replica, but a user\'s own write on the primary', async () => {
    // the GP's figures are the team's: the resident's referrals count for team A1 through the resident's contract
    await signContract(w, w.residents.A1, { packages: await createPackages(w) });
    const submittedUp = async (who: StaffKey) => {
      const res = await t.http.get('/api/v1/indicators/referrals').set('authorization', await w.as(who));
      expect(res.status).toBe(200);
      return res.body.breakdowns.byDirection.find((d: { direction: string }) => d.direction === 'up')?.submitted ?? 0;
    };
    const [gpBefore, countyBefore] = [await submittedUp('gpA1'), await submittedUp('countyAdminA')];
    await stoppedReplication();
    await createReferral(w, 'gpA1', upReferralBody(w, { submit: true }));
    expect(await submittedUp('gpA1')).toBe(gpBefore + 1);
    expect(await submittedUp('countyAdminA')).toBe(countyBefore);
  });

  it('sends reads to the primary once the replica lags beyond REPLICA_MAX_LAG_MS, and back once it caught up', async () => {
    await stoppedReplication();
    const written = await createReferral(w, 'gpA1', upReferralBody(w));
    const wroteAt = Date.now();
    expect(await referralIds('countyAdminA')).not.toContain(written.id);

    // within the bound (plus a check or two), reads move to the primary, with a warning
    while (replicas.status()[0].state !== 'lagging') {
      expect(Date.now() - wroteAt).toBeLessThan(MAX_LAG_MS + 1500);
      await new Promise((resolve) => setTimeout(resolve, CHECK_MS / 2));
    }
    expect(await referralIds('countyAdminA')).toContain(written.id);
    expect(warnings).toHaveBeenCalledWith(expect.stringMatching(/^read replica 127\.0\.0\.1:\d+ is \d+ ms behind the primary \(bound REPLICA_MAX_LAG_MS=1500\): its reads go to the primary$/));

    await replicaAdmin.query('START SLAVE');
    await settled();
    // back on the replica: what it has not applied yet is not in the county admin's list
    await replicaAdmin.query('STOP SLAVE');
    const later = await createReferral(w, 'gpA1', upReferralBody(w));
    expect(await referralIds('countyAdminA')).not.toContain(later.id);
  });

  it('serves from the primary, without a single failed request, when the replica becomes unreachable', async () => {
    await stoppedReplication();
    const written = await createReferral(w, 'gpA1', upReferralBody(w));
    await proxy.cut();
    // noticed by a check or not yet: the pooled connections to the replica are dead, the read runs again on the primary
    expect(await referralIds('countyAdminA')).toContain(written.id);
    await replicas.checkNow();
    expect(replicas.status()).toEqual([expect.objectContaining({ replica: proxy.url, state: 'unreachable' })]);
    expect(warnings).toHaveBeenCalledWith(expect.stringMatching(/^read replica 127\.0\.0\.1:\d+ is unreachable \(.+\): its reads go to the primary$/));
    for (let i = 0; i < 5; i++) expect(await referralIds('countyAdminA')).toContain(written.id);

    await proxy.restore();
    await replicaAdmin.query('START SLAVE');
    await settled();
    expect(replicas.status()).toEqual([{ replica: proxy.url, state: 'serving', lagMs: 0 }]);
  });

  it('moves a read waiting on a replica that stopped answering (a network partition) to the primary', async () => {
    await stoppedReplication();
    const written = await createReferral(w, 'gpA1', upReferralBody(w));
    proxy.stall();
    const started = Date.now();
    // sent to the replica, which never answers; the next check gives up on it after 1 s and the read moves over
    expect(await referralIds('countyAdminA')).toContain(written.id);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(replicas.status()).toEqual([expect.objectContaining({ state: 'unreachable' })]);
    expect(await referralIds('countyAdminA')).toContain(written.id);
  });

  it('moves a read waiting for a new connection to a replica that accepts but never answers to the primary', async () => {
    await stoppedReplication();
    const written = await createReferral(w, 'gpA1', upReferralBody(w));
    // no pooled connection left, and the new one the read opens hangs in the handshake (mysql2 would wait 10 s)
    proxy.stall();
    proxy.reset();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    expect(await referralIds('countyAdminA')).toContain(written.id);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(replicas.status()).toEqual([expect.objectContaining({ state: 'unreachable' })]);
  });
});
