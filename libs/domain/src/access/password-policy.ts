/**
 * 等保 level-3 password complexity (domain.md §7.7): at least 8 characters
 * drawn from at least 3 of upper case, lower case, digits and symbols.
 */
export function isStrongPassword(password: string): boolean {
  if (typeof password !== 'string' || password.length < 8 || password.length > 128) return false;
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return classes >= 3;
}
