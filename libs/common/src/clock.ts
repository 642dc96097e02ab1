import { Inject, Injectable } from '@nestjs/common';
import { CalendarDate, calendarDateIn } from '@countycare/domain';
import { APP_SETTINGS, AppSettings } from './config/settings';

/**
 * The time every use case reads: instants in UTC, "today" in the county's
 * zone. Tests move it with `travelTo` to check expiry and overdue rules.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  constructor(@Inject(APP_SETTINGS) private readonly settings: AppSettings) {}

  get timeZone(): string {
    return this.settings.countyTimeZone;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  today(): CalendarDate {
    return calendarDateIn(this.now(), this.settings.countyTimeZone);
  }

  travelTo(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
