import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_SETTINGS, AppSettings } from './config/settings';
import { Clock } from './clock';
import { FieldCipher } from './field-cipher';

/** The validated settings and what is built from them, for every module. */
@Global()
@Module({})
export class SettingsModule {
  static forRoot(settings: AppSettings): DynamicModule {
    return {
      module: SettingsModule,
      providers: [{ provide: APP_SETTINGS, useValue: settings }, FieldCipher, Clock],
      exports: [APP_SETTINGS, FieldCipher, Clock],
    };
  }
}
