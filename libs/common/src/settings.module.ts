import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_SETTINGS, AppSettings } from './config/settings';
import { Clock } from './clock';
import { FieldCipher } from './field-cipher';
import { Metrics } from './metrics/metrics';

/** The validated settings and what is built from them, for every module; the process's metrics instruments. */
@Global()
@Module({})
export class SettingsModule {
  static forRoot(settings: AppSettings): DynamicModule {
    return {
      module: SettingsModule,
      providers: [{ provide: APP_SETTINGS, useValue: settings }, FieldCipher, Clock, Metrics],
      exports: [APP_SETTINGS, FieldCipher, Clock, Metrics],
    };
  }
}
