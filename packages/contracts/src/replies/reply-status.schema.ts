import { z } from 'zod';

/**
 * A public reply and its way to the platform. The `reply` table is the outbox:
 *
 *   draft → pending_approval → approved | rejected → queued → sending → sent | failed | unknown
 *
 * A reply that needs no approval goes from draft straight to queued. `unknown`: the request
 * reached the platform but its answer was lost; the sender reconciles (finds the post or proves
 * it absent) before anything is sent again, never resending blindly.
 */
export const REPLY_STATUSES = ['draft', 'pending_approval', 'approved', 'rejected', 'queued', 'sending', 'sent', 'failed', 'unknown'] as const;
export const ReplyStatusSchema = z.enum(REPLY_STATUSES, { message: `must be one of ${REPLY_STATUSES.join(', ')}` });
export type ReplyStatus = z.infer<typeof ReplyStatusSchema>;

/** Why a reply waits for a manager. */
export const APPROVAL_REASONS = ['trainee', 'promise', 'critical', 'legal'] as const;
export const ApprovalReasonSchema = z.enum(APPROVAL_REASONS);
export type ApprovalReason = z.infer<typeof ApprovalReasonSchema>;

/** A mention's replies at a glance (in the queue row and through the change sequence). */
export const ReplySummarySchema = z.object({
  /** Replies not rejected, of every status. */
  total: z.number().int(),
  sent: z.number().int(),
  /** Waiting for a manager. */
  awaitingApproval: z.number().int(),
  /** Approved, queued or sending. */
  inFlight: z.number().int(),
  /** failed or unknown, and not dismissed: someone must look. */
  needsAttention: z.number().int(),
  lastStatus: ReplyStatusSchema.nullable(),
});
export type ReplySummary = z.infer<typeof ReplySummarySchema>;
