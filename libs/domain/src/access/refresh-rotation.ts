/**
 * Refresh-token rotation with reuse detection (api.md "Auth and self"):
 * every refresh spends the presented token and issues the next one of the
 * same session; presenting a spent token means it was copied, so the whole
 * session is revoked. Sessions also end after 30 idle minutes (the refresh
 * token's lifetime) and 12 hours in all (domain.md §7.7).
 */
export const SESSION_LIMITS = { accessTokenSeconds: 15 * 60, refreshIdleMinutes: 30, absoluteHours: 12 } as const;

export interface RefreshTokenState {
  usedAt: Date | null;
  expiresAt: Date;
  sessionRevokedAt: Date | null;
  sessionStartedAt: Date;
}

export type RefreshDecision = 'rotate' | 'reuse_detected' | 'expired' | 'revoked';

export function decideRefresh(token: RefreshTokenState, now: Date, limits = SESSION_LIMITS): RefreshDecision {
  if (token.sessionRevokedAt !== null) return 'revoked';
  if (token.usedAt !== null) return 'reuse_detected';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (now.getTime() - token.sessionStartedAt.getTime() >= limits.absoluteHours * 3_600_000) return 'expired';
  return 'rotate';
}

export function refreshTokenExpiry(now: Date, limits = SESSION_LIMITS): Date {
  return new Date(now.getTime() + limits.refreshIdleMinutes * 60_000);
}
