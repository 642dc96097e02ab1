import { DynamicModule, ExecutionContext, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { SIGN_IN_ROUTE } from '@countycare/auth';
import { AppSettings, createValidationPipe, loggerParams, ProblemFilter } from '@countycare/common';
import { Flavor } from '@countycare/database';
import { ReportingModule } from '@countycare/reporting';
import { coreModules } from '@countycare/schema';
import { HealthController } from './health.controller';
import { rateLimitStorage } from './rate-limit-storage';


const isSignInRoute = (context: ExecutionContext) => Reflect.getMetadata(SIGN_IN_ROUTE, context.getHandler()) === true;

/**
 * A rate-limit counter per route, limit and client address. The library's own
 * key is a SHA-256 of the same text, 2 % of the API's CPU under load for
 * nothing: the text is short and no secret (an address, a class and a method).
 */
const rateLimitKey = (context: ExecutionContext, tracker: string, name: string) =>
  `${context.getClass().name}.${context.getHandler().name}|${name}|${tracker}`;

/** Wiring only: every behaviour lives in the libs. */
@Module({})
export class AppModule {
  static forRoot(settings: AppSettings, flavor: Flavor): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(loggerParams(settings.logLevel)),
        // A factory, so the Redis client (REDIS_URL) is made, and closed, with the app.
        ThrottlerModule.forRootAsync({
          useFactory: () => ({
            throttlers: [
              { name: 'default', ttl: 60_000, limit: settings.rateLimitPerMinute },
              { name: 'sign-in', ttl: 60_000, limit: settings.signInRateLimitPerMinute, skipIf: (context) => !isSignInRoute(context) },
            ],
            generateKey: rateLimitKey,
            storage: rateLimitStorage(settings),
          }),
        }),
        TerminusModule,
        ...coreModules(settings, flavor, 'api'),
        ReportingModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
