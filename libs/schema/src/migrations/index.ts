import { Initial1795504021397 } from './1795504021397-Initial';
/** Migrations in the order they run; generated with `npm run migration:generate` against MySQL/MariaDB. */
export const MIGRATIONS: Function[] = [Initial1795504021397];
