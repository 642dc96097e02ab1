import { Initial1795494815001 } from './1795494815001-Initial';
/** Migrations in the order they run; generated with `npm run migration:generate` against MySQL/MariaDB. */
export const MIGRATIONS: Function[] = [Initial1795494815001];
