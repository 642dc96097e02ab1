import { INestApplicationContext, Module, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger, LoggerModule, PinoLogger } from 'nestjs-pino';
import { UsersService } from '@countycare/auth';
import { AppSettings, BODY_LIMIT_BYTES, logAccess, loggerParams, Metrics, newId, ProblemFilter, StartupError } from '@countycare/common';
import { traceRoutes } from '@countycare/common/tracing';
import { Flavor, poolStats } from '@countycare/database';
import { coreModules, DemoSeed } from '@countycare/schema';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { noStoreByDefault } from './cache-control';
import { depthLimitedJsonParser } from './json-body';
import { observeRequestDurations } from './http-metrics';
import { buildOpenApiDocument } from './openapi-document';
import { securityHeaders } from './security-headers';
import { serveWebApp } from './web-app';

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/** The API as it runs in production and in the e2e tests: same adapter, limits, filters and docs. */
export interface BuildOptions {
  logger?: boolean;
  /** The Swagger UI's static assets load through a dynamic import Jest cannot run; tests serve only /docs-json. */
  docsUi?: boolean;
  /** False in a cluster worker: the primary ran the migrations and made the first admin and the demo seed (prepareDatabaseOnce). */
  prepareDatabase?: boolean;
}

export async function buildApp(settings: AppSettings, flavor: Flavor, options: BuildOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: settings.trustProxy,
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => new ProblemFilter().send(error, request, reply),
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : newId();
      req.headers['x-request-id'] = id;
      return id;
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(settings, flavor), adapter, {
    bufferLogs: true,
    abortOnError: false,
    logger: options.logger === false ? false : undefined,
  });
  const fastify = app.getHttpAdapter().getInstance();
  if (options.logger !== false) {
    app.useLogger(app.get(Logger));
    logAccess(fastify, PinoLogger.root);
  }
  traceRoutes(fastify);
  if (settings.metrics) {
    const metrics = app.get(Metrics);
    observeRequestDurations(fastify, metrics);
    metrics.collectProcessMetrics();
    const dataSource = app.get(DataSource);
    metrics.watchPools(() => poolStats(dataSource));
  }
  fastify.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });
  noStoreByDefault(fastify);
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT_BYTES }, depthLimitedJsonParser(fastify));
  // CSV rosters are streamed to the importer, never buffered whole (issue #3).
  fastify.addContentTypeParser(['text/csv', 'application/csv'], (_request, payload, done) => done(null, payload));
  securityHeaders(fastify);
  app.setGlobalPrefix('api/v1', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', swaggerUiEnabled: options.docsUi !== false });
  serveWebApp(fastify, settings.webRoot);
  if (options.prepareDatabase !== false) await prepareDatabase(app, settings);
  return app;
}

@Module({})
class DatabasePreparationModule {}

/**
 * Cluster mode's one-time work, done by the primary before it forks (README "Cluster mode"): pending migrations
 * (or the refusal under DB_MIGRATE=off), the first admin, the demo seed. The workers then skip it, so N processes
 * never race on a migration.
 */
export async function prepareDatabaseOnce(settings: AppSettings, flavor: Flavor): Promise<void> {
  const context = await NestFactory.createApplicationContext(
    { module: DatabasePreparationModule, imports: [LoggerModule.forRoot(loggerParams(settings.logLevel)), ...coreModules(settings, flavor, 'api')] },
    { bufferLogs: true, abortOnError: false },
  );
  try {
    context.useLogger(context.get(Logger));
    await prepareDatabase(context, settings);
  } finally {
    await context.close();
  }
}

/** Pending migrations refuse the start when DB_MIGRATE=off; then the first admin and, if asked, the demo county. */
async function prepareDatabase(app: INestApplicationContext, settings: AppSettings): Promise<void> {
  const dataSource = app.get(DataSource);
  if (settings.database.kind === 'mysql' && settings.migrate === 'off' && (await dataSource.showMigrations())) {
    throw new StartupError('DB_MIGRATE=off: the database has pending migrations; run `npm run migrate` or set DB_MIGRATE=auto');
  }
  await app.get(UsersService).ensureFirstAdmin();
  if (settings.demoSeed) await app.get(DemoSeed).seedIfEmpty();
}
