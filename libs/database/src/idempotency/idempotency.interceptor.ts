import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '@countycare/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { from, Observable, of, switchMap, catchError, mergeMap } from 'rxjs';
import { IdempotencyStore } from './idempotency.store';

type Req = FastifyRequest & { principal?: { userId: string } };

/**
 * Idempotency-Key on POST: the first answer is stored per user and key; a
 * retry with the same body gets the same status and body and creates nothing.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<Req>();
    const header = request.headers['idempotency-key'];
    if (request.method !== 'POST' || header === undefined || !request.principal) return next.handle();
    // A streamed body (the CSV roster) cannot be hashed before it is read; such routes are idempotent by themselves (upserts).
    if (typeof (request.body as { pipe?: unknown } | null)?.pipe === 'function') return next.handle();
    const key = Array.isArray(header) ? header[0] : header;
    if (typeof key !== 'string' || key.length < 1 || key.length > 128) {
      throw new ProblemException(400, 'validation_failed', { count: 1 }, [{ field: 'Idempotency-Key', code: 'idempotency_key_invalid' }]);
    }
    const reply = http.getResponse<FastifyReply>();
    const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.url.split('?')[0]}\n`)
      .update(JSON.stringify(request.body ?? null))
      .digest('hex');

    return from(this.store.claim(request.principal.userId, key, requestHash)).pipe(
      switchMap((claim) => {
        if (claim.kind === 'replay') {
          if (claim.location) reply.header('location', claim.location);
          reply.header('idempotent-replayed', 'true');
          return of(claim.body);
        }
        return next.handle().pipe(
          mergeMap(async (body) => {
            const location = reply.getHeader('location');
            await this.store.complete(claim.id, status, body, typeof location === 'string' ? location : null);
            return body;
          }),
          catchError(async (error) => {
            // The answer is the first failure (a database outage must stay a 503); a claim we could not
            // release is taken over once abandoned (IdempotencyStore.claim).
            await this.store.release(claim.id).catch(() => undefined);
            throw error;
          }),
        );
      }),
    );
  }
}
