import { SetMetadata } from '@nestjs/common';
import type { z } from 'zod';

export const API_DOC = 'earshot:api-doc';
export interface ApiDocMeta {
  summary: string;
  tag: string;
  body?: z.ZodType;
  query?: z.ZodType;
  response?: z.ZodType;
  /** Success status when it is not 200. */
  status?: number;
}
/** Describes a route for the OpenAPI document, with the same schemas the route validates with. */
export const ApiDoc = (meta: ApiDocMeta) => SetMetadata(API_DOC, meta);
