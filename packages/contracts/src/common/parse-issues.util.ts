import type { z } from 'zod';
import type { FieldIssue } from './error.schema.js';

/** Turns zod's issues into the api's field-level messages (`{ path: 'email', message: 'must be an e-mail address' }`). */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...issue.path, key].join('.'),
        message: 'is not an accepted field',
      }));
    }
    // A record key that fails its own schema: that schema's message ("must be a rule id") says more than zod's "Invalid key in record".
    const message = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
    return [{ path: issue.path.map(String).join('.') || '(body)', message }];
  });
}
