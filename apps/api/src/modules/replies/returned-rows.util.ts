/** TypeORM answers an UPDATE/DELETE … RETURNING with [rows, affected] on some drivers and plain rows on others. */
export function returnedRows<T>(res: unknown): T[] {
  const list = res as unknown[];
  return (Array.isArray(list[0]) ? list[0] : list) as T[];
}
