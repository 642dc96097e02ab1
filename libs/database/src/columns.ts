import { CreateDateColumn, UpdateDateColumn } from 'typeorm';

/*
 * Row timestamps. Microsecond precision because TypeORM's MySQL default is
 * CURRENT_TIMESTAMP(6): with any other precision the migrations and the
 * entities would never agree (design.md "Data": no pending schema changes).
 */
export const CreatedAtColumn = () => CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 });
export const UpdatedAtColumn = () => UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 6 });
