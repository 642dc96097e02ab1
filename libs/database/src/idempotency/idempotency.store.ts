import { Injectable } from '@nestjs/common';
import { isUniqueViolation, newId, ProblemException } from '@countycare/common';
import { LessThan } from 'typeorm';
import { TransactionRunner } from '../transaction-runner';
import { IdempotencyRecord } from './idempotency-record.entity';

export type Claim =
  | { kind: 'new'; id: string }
  | { kind: 'replay'; status: number; body: unknown; location: string | null };

/** Keys are kept a day: long enough for any offline client to retry. */
export const IDEMPOTENCY_TTL_HOURS = 24;

/** Far longer than any request runs (the roster import streams and is not claimed). */
export const IDEMPOTENCY_ABANDONED_AFTER_MS = 5 * 60_000;

/** Claims released under us this many times in a row: the key is busy, the client retries. */
const MAX_CLAIM_ATTEMPTS = 3;

@Injectable()
export class IdempotencyStore {
  constructor(private readonly tx: TransactionRunner) {}

  /**
   * Claims (user, key) for this request, or returns the stored answer of the
   * earlier one. 422 if the key was used for a different request; 409 while
   * the first request is still running.
   *
   * Between our refused INSERT and the read of the row that refused it, the
   * first attempt may have failed and released its claim: the key is free
   * again, so we claim it afresh. A claim left unanswered for longer than any
   * request runs (its process died, or its release failed with the database)
   * is taken over instead of blocking the key until the purge.
   */
  async claim(userId: string, key: string, requestHash: string): Promise<Claim> {
    const repository = this.tx.dataSource.getRepository(IdempotencyRecord);
    for (let attempt = 1; ; attempt++) {
      const id = newId();
      try {
        await this.tx.run((em) => em.insert(IdempotencyRecord, { id, userId, key, requestHash, createdAt: new Date() }));
        return { kind: 'new', id };
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
      const existing = await repository.findOneBy({ userId, key });
      if (existing && existing.requestHash !== requestHash) throw new ProblemException(422, 'idempotency_key_reused');
      if (existing && existing.responseStatus !== null) {
        return {
          kind: 'replay',
          status: existing.responseStatus,
          body: existing.responseBody === null ? undefined : JSON.parse(existing.responseBody),
          location: existing.responseLocation,
        };
      }
      const abandoned = existing !== null && Date.now() - new Date(existing.createdAt).getTime() > IDEMPOTENCY_ABANDONED_AFTER_MS;
      if ((existing && !abandoned) || attempt >= MAX_CLAIM_ATTEMPTS) {
        throw new ProblemException(409, 'idempotency_in_progress', {}, [], { 'retry-after': '1' });
      }
      if (abandoned) {
        await this.tx.run((em) => em.createQueryBuilder().delete().from(IdempotencyRecord)
          .where('id = :id AND response_status IS NULL', { id: existing.id }).execute());
      }
    }
  }

  async complete(id: string, status: number, body: unknown, location: string | null): Promise<void> {
    const responseBody = body === undefined ? null : JSON.stringify(body);
    await this.tx.run((em) => em.update(IdempotencyRecord, { id }, { responseStatus: status, responseBody, responseLocation: location }));
  }

  /** The first request failed: forget the claim so a retry is processed afresh. */
  async release(id: string): Promise<void> {
    await this.tx.run((em) => em.delete(IdempotencyRecord, { id }));
  }

  async purgeOlderThan(cutoff: Date): Promise<number> {
    const result = await this.tx.run((em) => em.delete(IdempotencyRecord, { createdAt: LessThan(cutoff) }));
    return result.affected ?? 0;
  }
}
