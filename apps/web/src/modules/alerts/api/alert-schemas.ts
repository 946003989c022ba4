// The alert shapes are helper C's (packages/contracts/src/analytics/alerts.schema.ts).
// PROVISIONAL below the line: the incident and insights shapes as agreed (h-shared-contracts "Incident")
// until helper D commits packages/contracts/src/analytics/incident.schema.ts; then this file re-exports those.
import { LintReportSchema, MentionSchema } from '@earshot/contracts';
import { z } from 'zod';

export {
  AlertEventSchema,
  AlertListSchema,
  AlertRuleListSchema,
  AlertRuleSchema,
  type AlertEvent,
  type AlertList,
  type AlertRule,
  type CreateAlertRuleRequest,
  type UpdateAlertRuleRequest,
} from '@earshot/contracts';
import { AlertEventSchema } from '@earshot/contracts';

export const IncidentSchema = z.object({
  alert: AlertEventSchema,
  series: z.array(z.object({ start: z.string(), observed: z.number(), expected: z.number() })),
  groups: z.array(z.object({ key: z.string(), label: z.string(), count: z.number(), authors: z.number(), sample: z.array(MentionSchema) })),
  authors: z.array(z.object({ authorId: z.string(), handle: z.string(), platform: z.string(), mentionId: z.string(), replied: z.boolean() })),
  holdingStatement: z.object({ templateId: z.string().nullable(), body: z.string(), lint: LintReportSchema }),
  counts: z.record(z.string(), z.number()),
});
export type Incident = z.infer<typeof IncidentSchema>;

export const IncidentRepliesResultSchema = z.object({
  queued: z.number(),
  skipped: z.array(z.object({ authorId: z.string(), reason: z.string() })),
});
export type IncidentRepliesResult = z.infer<typeof IncidentRepliesResultSchema>;
export const StatusPostResultSchema = z.object({}).passthrough();
export type StatusPostResult = z.infer<typeof StatusPostResultSchema>;

export const RecurringQuestionSchema = z.object({
  question: z.string(),
  authors: z.number(),
  mentions: z.number(),
  mentionIds: z.array(z.string()),
  sample: z.array(MentionSchema),
});
export type RecurringQuestion = z.infer<typeof RecurringQuestionSchema>;
export const RecurringQuestionListSchema = z.object({ items: z.array(RecurringQuestionSchema) });
export const SuggestionPageSchema = z.object({ items: z.array(MentionSchema), nextCursor: z.string().nullable() });
export type SuggestionPage = z.infer<typeof SuggestionPageSchema>;
