import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Locale, pickLocale } from '../problem/messages';

/**
 * The language of the caller's Accept-Language (zh-CN unless it asks for English), for answers that carry words
 * (indicator notes). Unlike `@Headers('accept-language')` it adds no required header to the OpenAPI document; the
 * route declares the optional header with `@ApiHeader`.
 */
export const RequestLocale = createParamDecorator((_: unknown, ctx: ExecutionContext): Locale =>
  pickLocale(ctx.switchToHttp().getRequest<FastifyRequest>().headers['accept-language']),
);
