import { Initial1795497341283 } from './1795497341283-Initial';
/** Migrations in the order they run; generated with `npm run migration:generate` against MySQL/MariaDB. */
export const MIGRATIONS: Function[] = [Initial1795497341283];
