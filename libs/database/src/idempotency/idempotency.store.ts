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

@Injectable()
export class IdempotencyStore {
  constructor(private readonly tx: TransactionRunner) {}

  /**
   * Claims (user, key) for this request, or returns the stored answer of the
   * earlier one. 422 if the key was used for a different request; 409 while
   * the first request is still running.
   */
  async claim(userId: string, key: string, requestHash: string): Promise<Claim> {
    const id = newId();
    try {
      await this.tx.run((em) => em.insert(IdempotencyRecord, { id, userId, key, requestHash, createdAt: new Date() }));
      return { kind: 'new', id };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    const existing = await this.tx.dataSource.getRepository(IdempotencyRecord).findOneByOrFail({ userId, key });
    if (existing.requestHash !== requestHash) throw new ProblemException(422, 'idempotency_key_reused');
    if (existing.responseStatus === null) throw new ProblemException(409, 'idempotency_in_progress', {}, [], { 'retry-after': '1' });
    return {
      kind: 'replay',
      status: existing.responseStatus,
      body: existing.responseBody === null ? undefined : JSON.parse(existing.responseBody),
      location: existing.responseLocation,
    };
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
