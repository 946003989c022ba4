import { BadRequestException, type PipeTransform } from '@nestjs/common';
import { toFieldIssues } from '@earshot/contracts';
import type { z } from 'zod';

/**
 * Validates a body, query or params object with a contracts schema. Anything the schema
 * does not accept (wrong types, unknown keys, objects where a string belongs) is a 400
 * listing every bad field; the handler only ever sees the parsed value.
 */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const issues = toFieldIssues(result.error);
    throw new BadRequestException({
      error: 'Bad Request',
      message: `Invalid request: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
      issues,
    });
  }
}
