import { isUniqueViolation, ProblemException } from '@countycare/common';
import { IDEMPOTENCY_ABANDONED_AFTER_MS, IdempotencyRecord, IdempotencyStore, TransactionRunner } from '@countycare/database';
import { createHash } from 'node:crypto';
import { startTestApp, TestApp } from '../fixtures/test-app';

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The idempotency store against the real database, with the interleavings a
 * retry meets when its first attempt is still running or failing: a step of
 * the other attempt runs right after our INSERT is refused by its claim and
 * before we read that claim.
 */
describe('Idempotency-Key claims under concurrent attempts', () => {
  let t: TestApp;
  let store: IdempotencyStore;
  let racing: IdempotencyStore;
  let betweenRefusalAndRead: (() => Promise<unknown>) | null;
  const user = '01900000-0000-7000-8000-00000000a11c';

  beforeAll(async () => {
    t = await startTestApp();
    const tx = t.app.get(TransactionRunner);
    store = t.app.get(IdempotencyStore);
    const interleaving = Object.create(tx) as TransactionRunner;
    interleaving.run = async (work) => {
      try {
        return await tx.run(work);
      } catch (e) {
        const step = betweenRefusalAndRead;
        betweenRefusalAndRead = null;
        if (step && isUniqueViolation(e)) await step();
        throw e;
      }
    };
    racing = new IdempotencyStore(interleaving);
  });
  beforeEach(() => {
    betweenRefusalAndRead = null;
  });
  afterAll(() => t.close());

  async function refusal(promise: Promise<unknown>): Promise<ProblemException> {
    const error = await promise.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemException);
    return error as ProblemException;
  }

  it('the first attempt fails and releases its claim between our refused INSERT and our read: we claim afresh', async () => {
    const first = await store.claim(user, 'released-under-us', hash('a'));
    expect(first.kind).toBe('new');
    betweenRefusalAndRead = () => store.release((first as { id: string }).id);
    const retry = await racing.claim(user, 'released-under-us', hash('a'));
    expect(retry.kind).toBe('new');
    expect(betweenRefusalAndRead).toBeNull();
    const rows = await t.dataSource.getRepository(IdempotencyRecord).findBy({ userId: user, key: 'released-under-us' });
    expect(rows.map((r) => r.id)).toEqual([(retry as { id: string }).id]);
  });

  it('the first attempt completes in between: we replay its answer', async () => {
    const first = await store.claim(user, 'completed-under-us', hash('b'));
    betweenRefusalAndRead = () => store.complete((first as { id: string }).id, 201, { id: 'r1' }, '/api/v1/things/r1');
    expect(await racing.claim(user, 'completed-under-us', hash('b'))).toEqual({
      kind: 'replay', status: 201, body: { id: 'r1' }, location: '/api/v1/things/r1',
    });
  });

  it('the first attempt is still running: 409 in progress with Retry-After', async () => {
    await store.claim(user, 'running', hash('c'));
    const busy = await refusal(store.claim(user, 'running', hash('c')));
    expect(busy.status).toBe(409);
    expect(busy.code).toBe('idempotency_in_progress');
    expect(busy.headers['retry-after']).toBeDefined();
  });

  it('the same key with another request: 422', async () => {
    await store.claim(user, 'reused', hash('d'));
    expect((await refusal(store.claim(user, 'reused', hash('other')))).status).toBe(422);
  });

  it('a claim abandoned unanswered (its process died) is taken over', async () => {
    await t.dataSource.getRepository(IdempotencyRecord).insert({
      id: '01900000-0000-7000-8000-0000000dead1', userId: user, key: 'abandoned', requestHash: hash('e'),
      responseStatus: null, responseBody: null, responseLocation: null,
      createdAt: new Date(Date.now() - IDEMPOTENCY_ABANDONED_AFTER_MS - 60_000),
    });
    const claim = await store.claim(user, 'abandoned', hash('e'));
    expect(claim.kind).toBe('new');
    const rows = await t.dataSource.getRepository(IdempotencyRecord).findBy({ userId: user, key: 'abandoned' });
    expect(rows.map((r) => r.id)).toEqual([(claim as { id: string }).id]);
  });
});
