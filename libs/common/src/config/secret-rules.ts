/**
 * What a production secret must not be (README "Production secrets"): a value
 * .env.example ships or shipped with, or something no random generator would
 * produce. The rules catch the usual accidents (a placeholder left in .env, a
 * word typed by hand, a key of zeros); they cannot prove a value is random.
 */

/** Values earlier .env.example files carried; a deployment that kept one runs on a secret everyone knows. */
const SHIPPED_PLACEHOLDERS = ['at-least-32-characters-of-random-text', 'change-me', 'change-me-too', 'change#me2026'];
/** How every placeholder of .env.example starts now. */
const PLACEHOLDER_MARK = /^change-?me/i;

/**
 * 10, not 16: `openssl rand -hex 32` draws from 16 symbols, and about one
 * value in four lacks at least one of them; fewer than 10 happens about once
 * in 10^12.
 */
export const MIN_DISTINCT_CHARACTERS = 10;

export function isPlaceholder(value: string): boolean {
  return SHIPPED_PLACEHOLDERS.includes(value.toLowerCase()) || PLACEHOLDER_MARK.test(value);
}

/** Why a secret does not look randomly generated, or undefined when it does. */
export function notRandomReason(value: string): string | undefined {
  if (/^(.+?)\1+$/s.test(value)) return 'is one short sequence repeated';
  const distinct = new Set(value).size;
  if (distinct < MIN_DISTINCT_CHARACTERS) {
    return `is not random enough: ${distinct} different characters, at least ${MIN_DISTINCT_CHARACTERS} expected`;
  }
  return undefined;
}
