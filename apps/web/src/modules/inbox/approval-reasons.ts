import type { ApprovalReason, LintReport, Mention, Role } from '@earshot/contracts';

/** nlp's urgency reason codes that make a mention legal business (threats of legal action, privacy, and their word-vector matches). */
const LEGAL_REASON_CODES = new Set(['legal', 'privacy', 'legal-like', 'privacy-like']);

/** In words for the agent: why a manager looks at the reply before it goes out. */
export const APPROVAL_REASON_TEXT: Record<ApprovalReason, string> = {
  trainee: 'trainees’ replies are always checked by a manager',
  promise: 'it makes a promise (a refund, compensation, a guarantee…) only a manager may make',
  critical: 'the mention is critical',
  legal: 'the mention is legal business (legal threat, privacy or the legal category)',
};

/**
 * Whether the reply will wait for a manager, by the same rules the api applies when it is
 * submitted (the api decides; this tells the agent before they press Send).
 */
export function approvalReasons(role: Role, mention: Mention, report: LintReport | null): ApprovalReason[] {
  const reasons: ApprovalReason[] = [];
  if (role === 'trainee') reasons.push('trainee');
  if (report?.requiresApproval) reasons.push('promise');
  if (mention.urgency?.level === 'critical') reasons.push('critical');
  const legalReason = mention.urgency?.reasons.some((r) => LEGAL_REASON_CODES.has(r.code)) ?? false;
  if (legalReason || mention.category === 'legal') reasons.push('legal');
  return reasons;
}
