import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@countycare/auth';
import { ApiProblems } from '@countycare/common';

/** While the process drains after SIGTERM, the server answers every new request 503 (fastify's return503OnClosing). */
const SHUTTING_DOWN = 'Shutting down: the server takes no new requests; retry on another instance';

/** Terminus' report, with the response time typed as the whole milliseconds it is. */
const indicators = (description: string) => ({
  type: 'object' as const,
  description,
  additionalProperties: {
    type: 'object' as const,
    required: ['status'],
    properties: {
      status: { type: 'string' as const, enum: ['up', 'down'] },
      responseTime: { type: 'integer' as const, description: 'Milliseconds the check took' },
      message: { type: 'string' as const, description: 'Why the check failed' },
    },
  },
});
const READY = {
  type: 'object' as const,
  required: ['status', 'info', 'error', 'details'],
  properties: {
    status: { type: 'string' as const, enum: ['ok'] },
    info: indicators('The checks that passed, by name (`database`)'),
    error: indicators('The checks that failed, by name: empty here'),
    details: indicators('Every check, by name'),
  },
  example: { status: 'ok', info: { database: { status: 'up', responseTime: 2 } }, error: {}, details: { database: { status: 'up', responseTime: 2 } } },
};

@ApiTags('operations')
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ description: 'The process answers', schema: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } } })
  @ApiServiceUnavailableResponse({ description: SHUTTING_DOWN })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  // Terminus would document a failed check as its own report; it reaches the client as problem+json (ProblemFilter).
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOkResponse({ description: 'Ready: every check passed', schema: READY })
  @ApiProblems(503)
  @ApiOperation({ summary: 'Readiness: the database answers' })
  ready() {
    return this.health.check([() => this.db.pingCheck('database', { timeout: 2000 })]);
  }
}
