import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from '../problem/problem';

/** The version a client based its change on, and how it said so (api.md "Concurrency"). */
export interface ExpectedVersion {
  version: number;
  via: 'if-match' | 'body';
}

/** `If-Match: "3"` (or W/"3") wins over `version` in the body; both are optional. */
export function readExpectedVersion(request: FastifyRequest): ExpectedVersion | undefined {
  const header = request.headers['if-match'];
  if (header !== undefined) {
    const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(String(header).trim());
    if (!match) throw new ProblemException(400, 'validation_failed', { count: 1 }, [{ field: 'If-Match', code: 'if_match_invalid' }]);
    return { version: Number(match[1]), via: 'if-match' };
  }
  const body = request.body as { version?: unknown } | undefined;
  if (body && typeof body === 'object' && Number.isInteger(body.version)) return { version: body.version as number, via: 'body' };
  return undefined;
}

export const IfMatch = createParamDecorator((_: unknown, ctx: ExecutionContext) =>
  readExpectedVersion(ctx.switchToHttp().getRequest<FastifyRequest>()),
);

/** A stale version answers 412 (If-Match) or 409 (body version) and nothing is changed. */
export function assertVersion(current: number, expected: ExpectedVersion | undefined): void {
  if (!expected || expected.version === current) return;
  throw new ProblemException(expected.via === 'if-match' ? 412 : 409, 'version_mismatch', { current, expected: expected.version }, [], {}, {
    currentVersion: current,
  });
}
