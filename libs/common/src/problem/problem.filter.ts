import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { BusinessRuleError, DomainError, IllegalTransitionError, InvalidValueError } from '@countycare/domain';
import { isUniqueViolation } from '../db-errors';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fieldMessage, Locale, message, pickLocale, statusTitle } from './messages';
import { FieldError, PROBLEM_TYPE_BASE, ProblemBody, ProblemException } from './problem';

export const BODY_LIMIT_BYTES = 1024 * 1024;

interface Resolved {
  status: number;
  code: string;
  params: Record<string, unknown>;
  detail?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
  extensions?: Record<string, unknown>;
}

/** Fastify's own errors (body parsing, limits) carry a statusCode and an FST_ code. */
interface FrameworkError {
  statusCode: number;
  code?: string;
  message: string;
}

function isFrameworkError(e: unknown): e is FrameworkError {
  return typeof e === 'object' && e !== null && typeof (e as FrameworkError).statusCode === 'number';
}

/**
 * Turns every error into application/problem+json (RFC 9457) in the caller's
 * language. Client mistakes become 4xx with the field and the reason; only a
 * fault of ours becomes 500, and that one is logged with its stack.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.send(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }

  /** Also used for errors Fastify raises before Nest routes the request (bad URL, overlong path parameter). */
  send(exception: unknown, request: FastifyRequest, reply: FastifyReply): void {
    const locale = pickLocale(request.headers?.['accept-language'] as string | undefined);
    const resolved = this.resolve(exception, locale);
    if (resolved.code === 'database_unavailable') {
      // Every request fails alike during an outage: one line each, without the stack.
      this.logger.warn({ err: { message: (exception as Error)?.message, code: (exception as { code?: unknown })?.code }, requestId: request.id }, 'database unavailable');
    } else if (resolved.status >= 500 && resolved.code !== 'service_unavailable') {
      this.logger.error({ err: exception, requestId: request.id }, 'unhandled error');
    }
    const body: ProblemBody = {
      type: PROBLEM_TYPE_BASE + resolved.code,
      title: statusTitle(resolved.status, locale),
      status: resolved.status,
      detail: resolved.detail ?? message(resolved.code, locale, resolved.params),
      code: resolved.code,
      instance: request.url?.split('?')[0],
      requestId: String(request.id ?? ''),
      ...(resolved.errors ? { errors: resolved.errors } : {}),
      ...(resolved.extensions ?? {}),
    };
    for (const [name, value] of Object.entries(resolved.headers ?? {})) reply.header(name, value);
    reply.status(resolved.status).header('content-type', 'application/problem+json; charset=utf-8').header('content-language', locale).send(body);
  }

  private resolve(e: unknown, locale: Locale): Resolved {
    if (e instanceof ProblemException) {
      const errors = e.errors.map((f) => ({
        field: f.field,
        code: f.code,
        message: fieldMessage(f.code, locale, f.params ?? {}, f.message ?? f.code),
      }));
      return {
        status: e.status,
        code: e.code,
        params: e.params,
        errors: errors.length ? errors : undefined,
        headers: e.headers,
        extensions: e.extensions,
      };
    }
    if (e instanceof DomainError) return this.resolveDomain(e, locale);
    if (e instanceof HttpException) return this.resolveHttp(e);
    if (isUniqueViolation(e)) return { status: 409, code: 'conflict', params: {} };
    if (isDatabaseUnavailable(e)) {
      return { status: 503, code: 'database_unavailable', params: {}, headers: { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) } };
    }
    if (isFrameworkError(e) && e.statusCode >= 400 && e.statusCode < 500) return this.resolveFramework(e);
    return { status: 500, code: 'internal_error', params: {} };
  }

  private resolveDomain(e: DomainError, locale: Locale): Resolved {
    if (e instanceof InvalidValueError) {
      return {
        status: 400,
        code: 'validation_failed',
        params: { count: 1 },
        errors: [{ field: e.field, code: e.code, message: fieldMessage(e.code, locale, e.params, e.message) }],
      };
    }
    if (e instanceof IllegalTransitionError) {
      return {
        status: 409,
        code: e.code,
        params: e.params,
        extensions: { state: e.state, event: e.event, allowedActions: e.allowed },
      };
    }
    const rule = e as BusinessRuleError;
    return { status: 409, code: rule.code, params: rule.params, detail: message(rule.code, locale, rule.params, rule.message) };
  }

  private resolveHttp(e: HttpException): Resolved {
    const status = e.getStatus();
    const headers: Record<string, string> = {};
    if (status === 429) {
      const retry = (e.getResponse() as { retryAfter?: number })?.retryAfter;
      headers['retry-after'] = String(retry ?? 60);
      return { status, code: 'rate_limited', params: {}, headers };
    }
    if (status === 503) {
      // Readiness (terminus): which checks are down, without the driver's message (host, port).
      const details = (e.getResponse() as { details?: Record<string, { status?: unknown }> })?.details ?? {};
      const checks = Object.fromEntries(Object.entries(details).map(([name, check]) => [name, String(check?.status ?? 'down')]));
      return {
        status, code: 'service_unavailable', params: {},
        headers: { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) }, extensions: { checks },
      };
    }
    if (status === 404) return { status, code: 'route_not_found', params: {} };
    if (status === 413) return { status, code: 'body_too_large', params: { limit: '1 MiB' } };
    if (status === 401) return { status, code: 'unauthenticated', params: {} };
    if (status === 403) return { status, code: 'forbidden_role', params: {} };
    if (status === 415) return { status, code: 'unsupported_media_type', params: { type: 'this' } };
    if (status === 400 && /JSON/i.test(e.message)) return { status, code: 'invalid_json', params: {} };
    const code = status >= 500 ? 'internal_error' : 'conflict';
    return { status, code: status === 400 ? 'validation_failed' : code, params: { count: 1 }, detail: status < 500 ? e.message : undefined };
  }

  private resolveFramework(e: FrameworkError): Resolved {
    switch (e.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return { status: 413, code: 'body_too_large', params: { limit: '1 MiB' } };
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return { status: 415, code: 'unsupported_media_type', params: { type: 'this' } };
      case 'FST_ERR_MAX_PARAM_LENGTH':
        // No id is that long: the record cannot exist.
        return { status: 404, code: 'not_found', params: { resource: 'record' } };
      case 'FST_ERR_BAD_URL':
        return { status: 400, code: 'validation_failed', params: { count: 1 }, errors: [{ field: 'url', code: 'bad_url', message: 'malformed URL' }] };
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return { status: 400, code: 'invalid_json', params: {} };
      default:
        if (e instanceof SyntaxError || e.statusCode === 400) return { status: 400, code: 'invalid_json', params: {} };
        return { status: e.statusCode, code: 'conflict', params: {}, detail: e.message };
    }
  }
}

