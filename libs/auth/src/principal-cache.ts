import { Injectable } from '@nestjs/common';
import type { Principal } from '@countycare/common';

/**
 * How long a checked access token is trusted without asking the database
 * again. It bounds how late another process (a cluster worker, a replica)
 * notices a logout, a revoked session, a password change or a disabled
 * account; this process forgets at once.
 */
export const PRINCIPAL_CACHE_MS = 1000;
/** Beyond this many signed-in tokens the oldest entries make room. */
const MAX_ENTRIES = 20_000;

interface Entry {
  principal: Principal;
  expiresAt: number;
}

/**
 * The principal behind each recently checked access token: the session query
 * runs once a second per token instead of on every request, and the same
 * principal object lets the policy reuse its ability. Every change that ends
 * or alters a session tells it to forget (AuthService, after the change is
 * committed).
 */
@Injectable()
export class PrincipalCache {
  private readonly byToken = new Map<string, Entry>();

  get(token: string, now = Date.now()): Principal | undefined {
    const entry = this.byToken.get(token);
    if (!entry) return undefined;
    if (entry.expiresAt > now) return entry.principal;
    this.byToken.delete(token);
    return undefined;
  }

  /**
   * Trusts the token until a second from now, or its own expiry if sooner.
   * A principal who must (or should) change their password is not kept: the
   * change is the next thing they do, and every process must see it at once,
   * not answer their next request 403 password_change_required for a second.
   */
  set(token: string, principal: Principal, tokenExpiresAt: number, now = Date.now()): void {
    if (principal.passwordChangeRequired || principal.passwordChangeDue) return;
    if (this.byToken.size >= MAX_ENTRIES) this.byToken.delete(this.byToken.keys().next().value as string);
    this.byToken.set(token, { principal, expiresAt: Math.min(now + PRINCIPAL_CACHE_MS, tokenExpiresAt) });
  }

  /** Forgets every token of a user (password change, reset, disabled account, team or role change). */
  forgetUser(userId: string): void {
    for (const [token, entry] of this.byToken) if (entry.principal.userId === userId) this.byToken.delete(token);
  }

  /** Forgets the tokens of one session (logout, token reuse). */
  forgetSession(sessionId: string): void {
    for (const [token, entry] of this.byToken) if (entry.principal.sessionId === sessionId) this.byToken.delete(token);
  }
}
