/** Login lockout (domain.md §7.7): 5 consecutive failures lock the account for 30 minutes. */
export const LOCKOUT = { maxFailures: 5, lockMinutes: 30 } as const;

export interface LoginFailureState {
  failedCount: number;
  lockedUntil: Date | null;
}

export function isLocked(state: LoginFailureState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/**
 * State after one more failed password. The count restarts once an earlier
 * lock has run out, so a lock always follows 5 fresh failures.
 */
export function afterFailedLogin(state: LoginFailureState, now: Date, policy = LOCKOUT): LoginFailureState & { lockedNow: boolean } {
  const expiredLock = state.lockedUntil !== null && state.lockedUntil.getTime() <= now.getTime();
  const failedCount = (expiredLock ? 0 : state.failedCount) + 1;
  if (failedCount >= policy.maxFailures) {
    return { failedCount, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000), lockedNow: true };
  }
  return { failedCount, lockedUntil: expiredLock ? null : state.lockedUntil, lockedNow: false };
}

export function afterSuccessfulLogin(): LoginFailureState {
  return { failedCount: 0, lockedUntil: null };
}
