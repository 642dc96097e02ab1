import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, from, map, mergeMap, Observable, throwError } from 'rxjs';
import { ReplicaReads } from './replica-reads';

type Req = { method: string; principal?: { userId: string } };

/** What never changes data: every state change of the API is a POST, PUT, PATCH or DELETE. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Read-your-writes, in one place: once a signed-in user's POST, PUT, PATCH
 * or DELETE has been handled (its transactions committed, or failed), their
 * write is recorded before the answer leaves, so their next read, on this
 * process or another, stays on the primary until a replica has it
 * (ReplicaReads). A failed request is recorded too: it may have committed
 * part of its work (an idempotency claim), and a few reads on the primary
 * cost nothing. Nothing happens without replicas.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(private readonly replicas: ReplicaReads) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.replicas.enabled || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Req>();
    const userId = request.principal?.userId;
    if (!userId || SAFE_METHODS.has(request.method)) return next.handle();
    const noted = () => from(this.replicas.noteWrite(userId));
    return next.handle().pipe(
      mergeMap((body) => noted().pipe(map(() => body))),
      catchError((error) => noted().pipe(mergeMap(() => throwError(() => error)))),
    );
  }
}
