import { z } from 'zod';

export const UuidSchema = z.uuid({ message: 'must be a UUID' });
export const IdParamsSchema = z.strictObject({ id: UuidSchema });
export type IdParams = z.infer<typeof IdParamsSchema>;
