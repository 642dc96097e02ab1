import { afterFailedLogin, afterSuccessfulLogin, isLocked, LOCKOUT } from './lockout';
import { isPasswordExpired, isStrongPassword, nextPasswordHistory } from './password-policy';
import { decideRefresh, refreshTokenExpiry, SESSION_LIMITS } from './refresh-rotation';

const t0 = new Date('2026-05-01T08:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

describe('login lockout (domain.md §7.7: 5 failures lock for 30 minutes)', () => {
  it('locks on the fifth consecutive failure, not before', () => {
    let state = afterSuccessfulLogin();
    for (let i = 1; i < LOCKOUT.maxFailures; i++) {
      const next = afterFailedLogin(state, t0);
      expect(next.lockedNow).toBe(false);
      state = next;
    }
    const fifth = afterFailedLogin(state, t0);
    expect(fifth.lockedNow).toBe(true);
    expect(fifth.lockedUntil).toEqual(minutes(30));
    expect(isLocked(fifth, minutes(29))).toBe(true);
    expect(isLocked(fifth, minutes(30))).toBe(false);
  });

  it('starts counting afresh once a lock has run out', () => {
    const locked = { failedCount: 5, lockedUntil: minutes(30) };
    const after = afterFailedLogin(locked, minutes(31));
    expect(after).toMatchObject({ failedCount: 1, lockedNow: false, lockedUntil: null });
  });

  it('a success clears the count', () => {
    expect(afterSuccessfulLogin()).toEqual({ failedCount: 0, lockedUntil: null });
  });
});

describe('refresh-token rotation (api.md: rotate; a reused token revokes the family)', () => {
  const fresh = { usedAt: null, expiresAt: minutes(30), sessionRevokedAt: null, sessionStartedAt: t0 };

  it('rotates an unspent, unexpired token', () => {
    expect(decideRefresh(fresh, minutes(10))).toBe('rotate');
  });

  it('treats a spent token as reuse', () => {
    expect(decideRefresh({ ...fresh, usedAt: minutes(5) }, minutes(10))).toBe('reuse_detected');
  });

  it('refuses after 30 idle minutes, after 12 hours in all, and after revocation', () => {
    expect(decideRefresh(fresh, minutes(30))).toBe('expired');
    expect(decideRefresh({ ...fresh, expiresAt: minutes(13 * 60) }, minutes(12 * 60))).toBe('expired');
    expect(decideRefresh({ ...fresh, sessionRevokedAt: minutes(1) }, minutes(2))).toBe('revoked');
  });

  it('gives each new token the idle lifetime', () => {
    expect(refreshTokenExpiry(t0)).toEqual(minutes(SESSION_LIMITS.refreshIdleMinutes));
  });
});

describe('password policy (domain.md §7.7: 8+ characters from 3 of 4 classes)', () => {
  it.each([
    ['CountyCare#2026', true],
    ['abcdEFGH1', true],
    ['abcd1234!', true],
    ['abcdefgh', false],
    ['abcd1234', false],
    ['Ab1!', false],
  ])('%s -> %s', (password, ok) => {
    expect(isStrongPassword(password)).toBe(ok);
  });
});

describe('password rotation (domain.md §7.7: at most 90 days, no reuse of the last 5)', () => {
  it('expires after 90 days', () => {
    const changed = new Date('2026-01-01T00:00:00Z');
    expect(isPasswordExpired(changed, new Date('2026-03-31T23:59:59Z'))).toBe(false);
    expect(isPasswordExpired(changed, new Date('2026-04-01T00:00:00Z'))).toBe(true);
  });

  it('remembers the five most recent hashes, newest first', () => {
    expect(nextPasswordHistory(['h4', 'h3', 'h2', 'h1', 'h0'], 'h5')).toEqual(['h5', 'h4', 'h3', 'h2', 'h1']);
    expect(nextPasswordHistory([], 'h0')).toEqual(['h0']);
  });
});
