import { applyDecorators, Type } from '@nestjs/common';
import {
  ApiExtraModels, ApiHeader, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath, SchemaObject,
} from '@nestjs/swagger';

export class FieldErrorView {
  @ApiProperty({ example: 'idNumber' }) field: string;
  @ApiProperty({ example: 'id_number_check_digit' }) code: string;
  @ApiProperty({ example: '身份证号校验位错误' }) message: string;
}

/** RFC 9457 problem details, as every error answer carries it. */
export class ProblemView {
  @ApiProperty({ example: 'https://countycare.example/problems/validation_failed' }) type: string;
  @ApiProperty({ example: '请求参数有误' }) title: string;
  @ApiProperty({ type: 'integer', example: 400 }) status: number;
  @ApiProperty() detail: string;
  @ApiProperty({ example: 'validation_failed' }) code: string;
  @ApiPropertyOptional() instance?: string;
  @ApiPropertyOptional() requestId?: string;
  @ApiPropertyOptional({ type: [FieldErrorView] }) errors?: FieldErrorView[];
  @ApiPropertyOptional({ description: '409 illegal_transition: the actions allowed in the current state', type: [String] })
  allowedActions?: string[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Validation failed: `errors` lists field, code and reason',
  401: 'Missing, invalid or expired token',
  403: 'The role may never do this',
  404: 'Not found, or outside the caller\'s scope',
  409: 'Conflict or illegal state transition (`allowedActions`), or stale body `version`',
  412: '`If-Match` version is stale',
  413: 'Body over 1 MiB',
  422: 'Idempotency-Key reused with a different body',
  423: 'Account locked after 5 failed sign-ins',
  429: 'Rate limited; see Retry-After',
  503: 'The database is unreachable: retry after Retry-After seconds',
};

/** Documents the problem+json answers a route can give. */
export function ApiProblems(...statuses: number[]) {
  const list = statuses.length ? statuses : [400, 401, 403, 404];
  return applyDecorators(
    ...list.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status], content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemView) } } } }),
    ),
    ApiExtraModels(ProblemView, FieldErrorView),
  );
}

/** A keyset page `{ items, nextCursor }` of `item`. */
export function ApiPage(item: Type<unknown>) {
  return applyDecorators(
    ApiExtraModels(item),
    ApiOkResponse({
      schema: {
        type: 'object',
        required: ['items', 'nextCursor'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(item) } },
          nextCursor: { type: 'string', nullable: true, description: 'Pass as ?cursor= for the next page; null on the last' },
        },
      },
    }),
  );
}

const SCALAR_VALUES: SchemaObject[] = [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'boolean' }];

/**
 * An open map of scalar facts, `{ [key]: string | number | boolean | null }`,
 * for the `data` of notifications and referral events: its keys depend on the
 * kind, so `description` lists them. Nullable as a whole.
 */
export const scalarMapProperty = (description: string) => ({
  type: 'object' as const,
  nullable: true,
  additionalProperties: { anyOf: [...SCALAR_VALUES] },
  description,
});

/** As scalarMapProperty, values may also be lists of strings (field names): the `detail` of an audit event. */
export const auditDetailProperty = (description: string) => ({
  type: 'object' as const,
  nullable: true,
  additionalProperties: { anyOf: [...SCALAR_VALUES, { type: 'array', items: { type: 'string' } }] },
  description,
});

/** The Idempotency-Key header of creating and transitioning POSTs. */
export const ApiIdempotent = () =>
  ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Up to 128 chars; a retry with the same key and body returns the first answer' });

/** The If-Match header of updates and transitions. */
export const ApiIfMatch = () =>
  ApiHeader({ name: 'If-Match', required: false, description: 'The record version the change is based on, e.g. "3"; stale -> 412' });
