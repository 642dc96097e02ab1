import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { LoggerModule } from 'nestjs-pino';
import { AppSettings, loggerParams } from '@countycare/common';
import { Flavor } from '@countycare/database';
import { coreModules } from '@countycare/schema';

import { Heartbeat } from './heartbeat';
import { JobRunner } from './job-runner';
import { WorkerSchedule } from './worker-schedule';

/** The scheduled-jobs host: the same libs as the API, no HTTP routes. */
@Module({})
export class WorkerModule {
  static forRoot(settings: AppSettings, flavor: Flavor, options: { schedule?: boolean } = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        LoggerModule.forRoot(loggerParams(settings.logLevel)),
        ...(options.schedule === false ? [] : [ScheduleModule.forRoot()]),
        ...coreModules(settings, flavor, 'worker'),
      ],
      providers: [JobRunner, WorkerSchedule, Heartbeat],
      exports: [WorkerSchedule, Heartbeat],
    };
  }
}
