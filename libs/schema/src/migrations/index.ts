import { Initial1795494439665 } from './1795494439665-Initial';
/** Migrations in the order they run; generated with `npm run migration:generate` against MySQL/MariaDB. */
export const MIGRATIONS: Function[] = [Initial1795494439665];
