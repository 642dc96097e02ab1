import { ProblemException } from '@countycare/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * The deepest a JSON body may nest objects and arrays. The API's deepest
 * DTO is a few levels; a body thousands of levels deep would exhaust the
 * stack of the transformer and validator walking it.
 */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/**
 * Whether a JSON text nests objects and arrays deeper than `limit`, counting
 * brackets outside strings. One pass over the bytes: UTF-8 continuation
 * bytes never equal an ASCII bracket or quote. Malformed text is left to the
 * parser to refuse.
 */
export function jsonNestsDeeperThan(body: Buffer, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

type Done = (error: Error | null, body?: unknown) => void;

/**
 * The `application/json` parser: refuses a body nested deeper than
 * MAX_JSON_DEPTH (400 `json_too_deep`) before parsing it, then parses with
 * Fastify's own parser, which refuses `__proto__` and `constructor.prototype`
 * keys (prototype poisoning). The body limit stays the adapter's.
 */
export function depthLimitedJsonParser(fastify: FastifyInstance) {
  const parse = fastify.getDefaultJsonParser('error', 'error') as unknown as (request: FastifyRequest, body: Buffer, done: Done) => void;
  return (request: FastifyRequest, body: Buffer, done: Done): void => {
    if (jsonNestsDeeperThan(body, MAX_JSON_DEPTH)) {
      done(
        new ProblemException(400, 'validation_failed', { count: 1 }, [{ field: 'body', code: 'json_too_deep', params: { limit: MAX_JSON_DEPTH } }]),
        undefined,
      );
      return;
    }
    parse(request, body, done);
  };
}
