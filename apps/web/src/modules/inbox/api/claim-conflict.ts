import { UserRefSchema, type UserRef } from '@earshot/contracts';
import { z } from 'zod';
import { isApiRequestError } from '../../../shared/http';

// The api's 409 body for a claim held by someone else (not in the contracts yet).
const ClaimConflictSchema = z.object({ code: z.literal('claimed'), claimedBy: UserRefSchema.nullable() });

/** Who holds the claim, when `error` is the api's "someone else is replying" 409; otherwise undefined. */
export function claimConflictHolder(error: unknown): UserRef | null | undefined {
  if (!isApiRequestError(error) || error.statusCode !== 409) return undefined;
  const parsed = ClaimConflictSchema.safeParse(error.raw);
  return parsed.success ? parsed.data.claimedBy : undefined;
}
