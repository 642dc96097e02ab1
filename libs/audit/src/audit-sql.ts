export type Row = Record<string, unknown>;
/** One statement with `?` placeholders; arrays are not expanded (list them with `marks`). */
export type Query = (sql: string, params?: readonly unknown[]) => Promise<Row[]>;

/** `?, ?, ?` for n values. */
export function marks(n: number): string {
  return new Array(n).fill('?').join(', ');
}
