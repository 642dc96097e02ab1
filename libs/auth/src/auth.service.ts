import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuditService } from '@countycare/audit';
import { Actor, Clock, newId, Principal, ProblemException } from '@countycare/common';
import { Sql, TransactionRunner } from '@countycare/database';
import {
  afterFailedLogin, afterSuccessfulLogin, decideRefresh, isLocked, isPasswordExpired, localDateTimeIn, refreshTokenExpiry, SESSION_LIMITS,
} from '@countycare/domain';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { PasswordHasher } from './password-hasher';
import { PrincipalCache } from './principal-cache';
import { AuthSession, RefreshToken } from './session.entity';
import { User } from './user.entity';
import { UsersService } from './users.service';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface AccessTokenClaims {
  sub: string;
  sid: string;
  role: string;
}

/** A fresh token pair, the user, and whether they should choose a new password now. */
export interface SignedIn {
  tokens: TokenPair;
  user: User;
  passwordChangeDue: boolean;
}

/** What a request knows before sign-in: enough to audit it. */
export type RequestMeta = Pick<Actor, 'requestId' | 'ip'>;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** The open session's active user: the columns a request needs, never the password hash or its history. */
const SESSION_USER_SQL = `SELECT u.id, u.username, u.display_name, u.role, u.county_id, u.institution_id, u.team_id, u.resident_id,
    u.must_change_password, u.password_changed_at
  FROM auth_sessions s INNER JOIN users u ON u.id = s.user_id
  WHERE s.id = ? AND s.revoked_at IS NULL AND u.status = 'active'`;

/** Sign-in, token rotation and sign-out (api.md "Auth and self"; domain.md §7.7). */
@Injectable()
export class AuthService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly users: UsersService,
    private readonly principals: PrincipalCache,
    private readonly sql: Sql,
  ) {}

  async login(username: string, password: string, meta: RequestMeta): Promise<SignedIn> {
    const now = this.clock.now();
    const probe = await this.tx.dataSource.getRepository(User).findOneBy({ username: username.trim().toLowerCase() });
    if (!probe) {
      await this.hasher.burn(password);
      await this.audit.record(meta, { action: 'login_failed', resourceType: 'user', outcome: 'denied', detail: { reason: 'unknown_user' } });
      throw new ProblemException(401, 'bad_credentials');
    }
    if (isLocked(failureState(probe), now)) {
      await this.audit.record(auditActor(probe, meta), {
        action: 'login_failed', resourceType: 'user', resourceId: probe.id, outcome: 'denied', detail: { reason: 'locked' },
      });
      throw lockedProblem(probe.lockedUntil!, now, this.clock.timeZone);
    }
    const passwordOk = await this.hasher.verify(probe.passwordHash, password);

    // A failed attempt is committed before the error answer, so the count and the lock survive it.
    const result = await this.tx.run(async (em): Promise<LoginResult> => {
      const user = await this.tx.forUpdate(em.getRepository(User).createQueryBuilder('u').where('u.id = :id', { id: probe.id })).getOneOrFail();
      if (!passwordOk) {
        const next = afterFailedLogin(failureState(user), now);
        await em.update(User, { id: user.id }, { failedLoginCount: next.failedCount, lockedUntil: next.lockedUntil });
        await this.audit.record(auditActor(user, meta), {
          action: 'login_failed', resourceType: 'user', resourceId: user.id, outcome: 'denied',
          detail: { reason: 'bad_password', failures: next.failedCount },
        }, em);
        if (!next.lockedNow) return { kind: 'bad_password' };
        await this.audit.record(auditActor(user, meta), {
          action: 'lockout', resourceType: 'user', resourceId: user.id, detail: { until: next.lockedUntil!.toISOString() },
        }, em);
        return { kind: 'locked', until: next.lockedUntil! };
      }
      if (user.status !== 'active') {
        await this.audit.record(auditActor(user, meta), {
          action: 'login_failed', resourceType: 'user', resourceId: user.id, outcome: 'denied', detail: { reason: 'disabled' },
        }, em);
        return { kind: 'disabled' };
      }
      const reset = afterSuccessfulLogin();
      await em.update(User, { id: user.id }, { failedLoginCount: reset.failedCount, lockedUntil: reset.lockedUntil });
      const tokens = await this.openSession(em, user, meta, now);
      await this.audit.record(auditActor(user, meta), { action: 'login', resourceType: 'user', resourceId: user.id }, em);
      return { kind: 'ok', tokens, user };
    });
    switch (result.kind) {
      case 'ok':
        return { tokens: result.tokens, user: result.user, passwordChangeDue: passwordChangeDue(result.user, now) };
      case 'locked':
        throw lockedProblem(result.until, now, this.clock.timeZone);
      case 'disabled':
        throw new ProblemException(401, 'account_disabled');
      default:
        throw new ProblemException(401, 'bad_credentials');
    }
  }

  async refresh(refreshToken: string, meta: RequestMeta): Promise<SignedIn> {
    const now = this.clock.now();
    type Outcome = { error: 'refresh_token_invalid' | 'refresh_token_reused' } | { tokens: TokenPair; user: User };
    const outcome = await this.tx.run(async (em): Promise<Outcome> => {
      const token = await em.getRepository(RefreshToken).findOneBy({ tokenHash: sha256(refreshToken) });
      if (!token) return { error: 'refresh_token_invalid' };
      const session = await em.getRepository(AuthSession).findOneByOrFail({ id: token.sessionId });
      const user = await em.getRepository(User).findOneByOrFail({ id: session.userId });
      const decision = decideRefresh({ usedAt: token.usedAt, expiresAt: token.expiresAt, sessionRevokedAt: session.revokedAt, sessionStartedAt: session.createdAt }, now);
      if (decision === 'reuse_detected') {
        await em.update(AuthSession, { id: session.id }, { revokedAt: now, revokedReason: 'token_reuse' });
        this.tx.afterCommit(em, () => this.principals.forgetSession(session.id));
        await this.audit.record(auditActor(user, meta), {
          action: 'token_reuse', resourceType: 'session', resourceId: session.id, outcome: 'denied',
        }, em);
        return { error: 'refresh_token_reused' };
      }
      if (decision !== 'rotate' || user.status !== 'active') return { error: 'refresh_token_invalid' };
      // Spend the token; a concurrent refresh with the same token finds it spent and counts as reuse.
      const spent = await em.createQueryBuilder().update(RefreshToken).set({ usedAt: now })
        .where('id = :id AND used_at IS NULL', { id: token.id }).execute();
      if (!spent.affected) return { error: 'refresh_token_reused' };
      const tokens = await this.issue(em, user, session.id, now);
      return { tokens, user };
    });
    if ('error' in outcome) throw new ProblemException(401, outcome.error);
    return { ...outcome, passwordChangeDue: passwordChangeDue(outcome.user, now) };
  }

  /** The user changes their own password; their other sessions end (a stolen session does not survive it). */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const now = this.clock.now();
    await this.tx.run(async (em) => {
      const user = await this.tx.forUpdate(em.getRepository(User).createQueryBuilder('u').where('u.id = :id', { id: actor.userId })).getOneOrFail();
      if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
        throw new ProblemException(400, 'validation_failed', { count: 1 }, [{ field: 'currentPassword', code: 'password_wrong' }]);
      }
      await this.users.setPassword(em, user, newPassword, { byAdmin: false, now });
      await this.revokeSessions(em, user.id, 'password_changed', actor.sessionId);
      await this.audit.record(actor, { action: 'update', resourceType: 'user', resourceId: user.id, detail: { fields: ['password'] } }, em);
    });
  }

  /** Ends every open session of a user (all but `keep`): after a password change or reset, or when an account is disabled. */
  async revokeSessions(em: EntityManager, userId: string, reason: string, keep?: string): Promise<void> {
    const qb = em.createQueryBuilder().update(AuthSession).set({ revokedAt: this.clock.now(), revokedReason: reason })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (keep) qb.andWhere('id <> :keep', { keep });
    await qb.execute();
    this.accountChanged(em, userId);
  }

  /**
   * What a request knows of the user (role, scope, status, whether a new
   * password is required) changes with this transaction: the cached
   * principals of that user are dropped once it commits.
   */
  accountChanged(em: EntityManager, userId: string): void {
    this.tx.afterCommit(em, () => this.principals.forgetUser(userId));
  }

  async logout(actor: Actor): Promise<void> {
    await this.tx.run(async (em) => {
      await em.createQueryBuilder().update(AuthSession).set({ revokedAt: this.clock.now(), revokedReason: 'logout' })
        .where('id = :id AND revoked_at IS NULL', { id: actor.sessionId }).execute();
      await this.audit.record(actor, { action: 'logout', resourceType: 'session', resourceId: actor.sessionId }, em);
      this.tx.afterCommit(em, () => this.principals.forgetSession(actor.sessionId));
    });
  }

  /**
   * Checks an access token and loads its still-open session and still-active
   * user (one statement reading only what a request needs), trusted for up
   * to PRINCIPAL_CACHE_MS afterwards.
   */
  async principalFor(accessToken: string): Promise<Principal | null> {
    const cached = this.principals.get(accessToken);
    if (cached) return cached;
    let claims: AccessTokenClaims & { exp?: unknown };
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims & { exp?: unknown }>(accessToken, { algorithms: ['HS256'] });
    } catch {
      return null;
    }
    // jsonwebtoken checks `exp` only when present: a token signed without one would never expire.
    if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string' || typeof claims.sid !== 'string') return null;
    const [raw] = await this.sql.rows(SESSION_USER_SQL, [claims.sid]);
    const row = raw ? this.sql.mapper(User)(raw) : null;
    if (!row || row.id !== claims.sub) return null;
    const principal: Principal = {
      userId: row.id, username: row.username, displayName: row.displayName, role: row.role,
      countyId: row.countyId, institutionId: row.institutionId, teamId: row.teamId, residentId: row.residentId,
      sessionId: claims.sid, passwordChangeDue: passwordChangeDue(row, this.clock.now()),
      passwordChangeRequired: !!row.mustChangePassword,
    };
    this.principals.set(accessToken, principal, claims.exp * 1000);
    return principal;
  }

  private async openSession(em: EntityManager, user: User, meta: RequestMeta, now: Date): Promise<TokenPair> {
    const sessionId = newId();
    await em.insert(AuthSession, { id: sessionId, userId: user.id, createdAt: now, revokedAt: null, revokedReason: null, ip: meta.ip });
    return this.issue(em, user, sessionId, now);
  }

  private async issue(em: EntityManager, user: User, sessionId: string, now: Date): Promise<TokenPair> {
    const refreshToken = randomBytes(32).toString('base64url');
    await em.insert(RefreshToken, {
      id: newId(), sessionId, tokenHash: sha256(refreshToken), createdAt: now, expiresAt: refreshTokenExpiry(now), usedAt: null,
    });
    const claims: AccessTokenClaims = { sub: user.id, sid: sessionId, role: user.role };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: SESSION_LIMITS.accessTokenSeconds, algorithm: 'HS256' });
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: SESSION_LIMITS.accessTokenSeconds };
  }
}

/**
 * Reset by an administrator (or the first admin of a production install), or
 * older than the rotation period (domain.md §7.7). Only the first blocks the
 * other routes (AuthGuard); an expired password is a reminder, so a clinician
 * whose 90 days end mid-shift is not locked out of the records.
 */
export function passwordChangeDue(user: Pick<User, 'mustChangePassword' | 'passwordChangedAt'>, now: Date): boolean {
  return !!user.mustChangePassword || isPasswordExpired(user.passwordChangedAt, now);
}

type LoginResult =
  | { kind: 'ok'; tokens: TokenPair; user: User }
  | { kind: 'bad_password' }
  | { kind: 'locked'; until: Date }
  | { kind: 'disabled' };

function failureState(user: User) {
  return { failedCount: user.failedLoginCount, lockedUntil: user.lockedUntil };
}

/**
 * 423 with Retry-After: the account is locked (api.md lists 423 for this).
 * The message gives the time as the county's clocks show it; `lockedUntil`
 * keeps the instant for programs.
 */
function lockedProblem(until: Date, now: Date, timeZone: string): ProblemException {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new ProblemException(423, 'account_locked', { until: localDateTimeIn(until, timeZone) }, [], { 'retry-after': String(seconds) }, {
    lockedUntil: until.toISOString(),
  });
}

function auditActor(user: User, meta: RequestMeta) {
  return {
    ...meta, userId: user.id, username: user.username, displayName: user.displayName, role: user.role,
    institutionId: user.institutionId, countyId: user.countyId,
  };
}
