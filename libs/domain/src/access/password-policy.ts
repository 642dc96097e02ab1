/**
 * 等保 level-3 password complexity (domain.md §7.7): at least 8 characters
 * drawn from at least 3 of upper case, lower case, digits and symbols.
 */
export function isStrongPassword(password: string): boolean {
  if (typeof password !== 'string' || password.length < 8 || password.length > 128) return false;
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return classes >= 3;
}

/** 等保 practice (domain.md §7.7): passwords are changed at least every 90 days and not reused within the last 5. */
export const PASSWORD_ROTATION = { maxAgeDays: 90, history: 5 } as const;

export function isPasswordExpired(changedAt: Date, now: Date, policy = PASSWORD_ROTATION): boolean {
  return now.getTime() - changedAt.getTime() >= policy.maxAgeDays * 86_400_000;
}

/** The hashes to keep after a change: the one replaced first, at most `history` in all. */
export function nextPasswordHistory(previous: readonly string[], replacedHash: string, policy = PASSWORD_ROTATION): string[] {
  return [replacedHash, ...previous].slice(0, policy.history);
}
