/**
 * Below the 10 s docker (and most supervisors) wait between SIGTERM and
 * SIGKILL, so a slow close still ends with our own exit code and log line.
 */
export const SHUTDOWN_GRACE_MS = 8_000;

export interface ShutdownHost {
  on(signal: 'SIGTERM' | 'SIGINT', listener: (signal: NodeJS.Signals) => void): unknown;
  exit(code: number): void;
}

export interface ShutdownOptions {
  /** Who is stopping, for the log lines. */
  name: string;
  graceMs?: number;
  log?: (line: string) => void;
  host?: ShutdownHost;
}

/**
 * SIGTERM or SIGINT closes the app (no new requests or jobs, in-flight ones
 * finish, the database pool closes) and exits 0. A close that outlasts the
 * grace period, fails, or meets a second signal exits 1 at once.
 */
export function exitGracefullyOnSignals(app: { close(): Promise<void> }, options: ShutdownOptions): void {
  const host = options.host ?? process;
  const log = options.log ?? ((line: string) => console.log(line));
  const graceMs = options.graceMs ?? SHUTDOWN_GRACE_MS;
  let deadline: NodeJS.Timeout | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (deadline) {
      clearTimeout(deadline);
      log(`${options.name}: ${signal} again, exiting now`);
      host.exit(1);
      return;
    }
    log(`${options.name}: ${signal}, finishing in-flight work (at most ${graceMs / 1000} s)`);
    deadline = setTimeout(() => {
      log(`${options.name}: still closing after ${graceMs / 1000} s, exiting`);
      host.exit(1);
    }, graceMs);
    app.close().then(
      () => {
        clearTimeout(deadline);
        log(`${options.name}: stopped`);
        host.exit(0);
      },
      (error: unknown) => {
        clearTimeout(deadline);
        log(`${options.name}: shutdown failed: ${(error as Error)?.message ?? error}`);
        host.exit(1);
      },
    );
  };
  host.on('SIGTERM', onSignal);
  host.on('SIGINT', onSignal);
}
