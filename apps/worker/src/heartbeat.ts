import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { writeFile } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { HEARTBEAT_INTERVAL_MS, heartbeatFile } from './heartbeat-file';

/**
 * The worker has no HTTP server for a health probe: it touches a file
 * instead, after a round trip to the database, and the container's
 * healthcheck (healthcheck.ts) checks the file's age.
 */
@Injectable()
export class Heartbeat {
  private readonly logger = new Logger(Heartbeat.name);
  readonly file = heartbeatFile();

  constructor(private readonly dataSource: DataSource) {}

  @Interval(HEARTBEAT_INTERVAL_MS)
  async beat(): Promise<void> {
    try {
      await this.dataSource.query('SELECT 1');
      await writeFile(this.file, new Date().toISOString());
    } catch (error) {
      this.logger.warn({ err: error, file: this.file }, 'heartbeat skipped');
    }
  }
}
