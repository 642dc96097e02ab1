import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';

/**
 * The optional `version` of a change: the record version the client based it
 * on (docs/api.md "Concurrency"). For a body that cannot extend VersionedDto.
 */
export const VersionProperty = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: 'integer',
      minimum: 0,
      description: 'The record version the change is based on; stale -> 409 version_mismatch. '
        + 'The If-Match header does the same (stale -> 412) and wins when both are sent.',
    }),
    IsOptional(),
    IsInt(),
    Min(0),
  );

/** The body of every state transition: at least the optional `version` it is based on. */
export class VersionedDto {
  @VersionProperty()
  version?: number;
}
