import type { Principal } from '@countycare/common';
import { PRINCIPAL_CACHE_MS, PrincipalCache } from './principal-cache';

const principal = (over: Partial<Principal> = {}): Principal => ({
  userId: 'u1', username: 'gp.chen', displayName: '陈医生', role: 'gp', countyId: 'c1', institutionId: 'i1', teamId: 't1',
  residentId: null, sessionId: 's1', passwordChangeDue: false, passwordChangeRequired: false, ...over,
} as Principal);

describe('PrincipalCache (architecture.md "Replicas and shared state": a checked token trusted 1 s per process)', () => {
  const now = 1_000_000;

  it('trusts a token for PRINCIPAL_CACHE_MS, never past the token’s own expiry', () => {
    const cache = new PrincipalCache();
    cache.set('a', principal(), now + 60_000, now);
    expect(cache.get('a', now + PRINCIPAL_CACHE_MS - 1)).toMatchObject({ userId: 'u1' });
    expect(cache.get('a', now + PRINCIPAL_CACHE_MS)).toBeUndefined();
    cache.set('b', principal(), now + 200, now);
    expect(cache.get('b', now + 199)).toBeDefined();
    expect(cache.get('b', now + 200)).toBeUndefined();
  });

  it('forgets every token of a user, or only one session’s', () => {
    const cache = new PrincipalCache();
    cache.set('a', principal({ sessionId: 's1' }), now + 60_000, now);
    cache.set('b', principal({ sessionId: 's2' }), now + 60_000, now);
    cache.set('c', principal({ userId: 'u2', sessionId: 's3' }), now + 60_000, now);
    cache.forgetSession('s1');
    expect([cache.get('a', now), cache.get('b', now)?.sessionId]).toEqual([undefined, 's2']);
    cache.forgetUser('u1');
    expect([cache.get('b', now), cache.get('c', now)?.userId]).toEqual([undefined, 'u2']);
  });

  it('keeps no principal who must or should change their password: the change must show on every process at once', () => {
    const cache = new PrincipalCache();
    cache.set('a', principal({ passwordChangeRequired: true }), now + 60_000, now);
    cache.set('b', principal({ passwordChangeDue: true }), now + 60_000, now);
    expect([cache.get('a', now), cache.get('b', now)]).toEqual([undefined, undefined]);
  });
});
