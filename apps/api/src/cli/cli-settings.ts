import { ConfigError, loadSettings, StartupError } from '@countycare/common';

/** Settings for a one-shot command; prints config problems the same way the API does. */
export function cliSettings() {
  try {
    return loadSettings(process.env);
  } catch (error) {
    if (error instanceof ConfigError) for (const p of error.problems) console.error(`config: ${p}`);
    else console.error(`startup: ${(error as Error).message}`);
    process.exit(1);
  }
}

export function fail(error: unknown): never {
  console.error(error instanceof StartupError ? `startup: ${error.message}` : `error: ${(error as Error)?.message ?? error}`);
  process.exit(1);
}
