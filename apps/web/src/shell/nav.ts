import type { Role } from '../auth/session';
import type { Language } from '../i18n';

/** One entry of the menu: a feature lists its own in features/<name>/nav.ts (loaded with the shell, not lazily). */
export interface NavItem {
  path: string;
  label: Record<Language, string>;
  roles: Role[];
}
