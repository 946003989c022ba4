import type { Claim } from '@earshot/contracts';

/** "Dana is replying" while someone holds a live claim on the mention. */
export function ClaimIndicator({ claim, me, now }: { claim: Claim | null; me: string; now: Date }) {
  if (!claim || new Date(claim.expiresAt).getTime() <= now.getTime()) return null;
  return <span className="claim">{claim.user.id === me ? 'You are replying' : `${claim.user.name} is replying`}</span>;
}
