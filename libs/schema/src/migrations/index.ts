import { Initial1795502543413 } from './1795502543413-Initial';
/** Migrations in the order they run; generated with `npm run migration:generate` against MySQL/MariaDB. */
export const MIGRATIONS: Function[] = [Initial1795502543413];
