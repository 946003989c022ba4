import { z } from 'zod';

/**
 * Early warning (issue 15 part 4). Per brand (and optionally per complaint category) a detector learns the
 * normal daily and weekly rhythm of the brand's mentions by POSTED time (volume and negative share) and
 * raises an alert when the present departs from it; one incident is one alert (hysteresis, cooldown).
 * Tables `alert_rule` and `alert_event`; `GET /api/alerts`, `GET /api/alerts/:id`, the rules under
 * `/api/alert-rules` (managers), and the socket events `alert.raised` / `alert.cleared` (the alert as below).
 */

export const ALERT_METRICS = ['volume', 'negative_share'] as const;
export const AlertMetricSchema = z.enum(ALERT_METRICS, { message: `must be one of ${ALERT_METRICS.join(', ')}` });
export type AlertMetric = z.infer<typeof AlertMetricSchema>;

export const ALERT_STATUSES = ['raised', 'cleared'] as const;
export const AlertStatusSchema = z.enum(ALERT_STATUSES);
export type AlertStatus = z.infer<typeof AlertStatusSchema>;

/** A term over-represented in the surge: texts of the surge that contain it, and of the baseline (same hours of previous weeks). */
export const AlertTopTermSchema = z.object({
  term: z.string(),
  count: z.number().int(),
  baselineCount: z.number().int().optional(),
  /** z-score of the weighted log-odds ratio (surge against baseline). */
  score: z.number().optional(),
});
export type AlertTopTerm = z.infer<typeof AlertTopTermSchema>;

/**
 * The alert's mentions as inbox filters: the brand's mentions (of the category, when the rule has one) with posted
 * time in [postedFrom, postedTo), any status, spam left out. `postedTo` is the clear time, or the time of the answer
 * while the alert is raised.
 */
export const AlertMentionsFilterSchema = z.object({
  brandId: z.uuid(),
  category: z.string().nullable(),
  postedFrom: z.iso.datetime(),
  postedTo: z.iso.datetime(),
});
export type AlertMentionsFilter = z.infer<typeof AlertMentionsFilterSchema>;

/**
 * One alert. Times: `surgeStart` is the posted-time start of the window that fired, `raisedAt` the posted-time
 * minute boundary at which it fired (the end of the deciding minute), `detectedAt` the wall clock when the api
 * found it, `clearedAt` the posted-time minute boundary at which it cleared. Figures are the deciding window's:
 * for `volume` posts in the window against the posts expected; for `negative_share` the observed share of
 * negatives (0–1) against the expected share. `ratio` = observed / expected (null when nothing was expected).
 * `historical`: found while replaying the past when the rule started (its surge ended over an hour before):
 * stored for the record, nobody was notified. `seq` rises with every change of any alert of the workspace
 * (raise or clear): pass the highest one seen as `GET /api/alerts?since=` to catch up.
 */
export const AlertEventSchema = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  /** Null once the rule was deleted. */
  ruleId: z.uuid().nullable(),
  brandId: z.uuid(),
  brandName: z.string(),
  category: z.string().nullable(),
  metric: AlertMetricSchema,
  status: AlertStatusSchema,
  surgeStart: z.iso.datetime(),
  raisedAt: z.iso.datetime(),
  detectedAt: z.iso.datetime(),
  clearedAt: z.iso.datetime().nullable(),
  windowMinutes: z.number().int(),
  observed: z.number(),
  expected: z.number(),
  ratio: z.number().nullable(),
  z: z.number(),
  topTerms: z.array(AlertTopTermSchema),
  /** Mentions in [surgeStart, raisedAt) when raised; in [surgeStart, clearedAt) once cleared. */
  mentionCount: z.number().int(),
  historical: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  mentions: AlertMentionsFilterSchema,
  /** `/inbox?status=all&brandId=…&postedFrom=…&postedTo=…[&category=…]`: exactly the alert's mentions (no `postedTo` while raised: open-ended). */
  inboxPath: z.string(),
  /** `/alerts/<id>`: the incident view. */
  incidentPath: z.string(),
});
export type AlertEvent = z.infer<typeof AlertEventSchema>;

/** `since`: a `seq` (a whole number) or an ISO 8601 instant (alerts changed at or after it). */
const SinceSchema = z.union([z.string().regex(/^\d{1,15}$/, { message: 'must be a seq number' }), z.iso.datetime({ offset: true })], {
  message: 'must be a seq number (from an earlier answer) or an ISO 8601 date-time with offset',
});

/** `GET /api/alerts`. */
export const AlertListQuerySchema = z.strictObject({
  since: SinceSchema.optional(),
  status: z.enum(['raised', 'cleared', 'all'], { message: 'must be raised, cleared or all' }).default('all'),
  limit: z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(200, { message: 'must be at most 200' })
    .default(50),
});
export type AlertListQuery = z.input<typeof AlertListQuerySchema>;
export type AlertListFilters = z.output<typeof AlertListQuerySchema>;

export const AlertListSchema = z.object({
  /** Newest first (by raise time). */
  alerts: z.array(AlertEventSchema),
  /** The workspace's highest alert `seq` so far: the next `since`. */
  seq: z.number().int(),
  /** More alerts matched than `limit`: ask again with a larger limit. */
  hasMore: z.boolean(),
});
export type AlertList = z.infer<typeof AlertListSchema>;

// ---- Rules ------------------------------------------------------------------------------------------------

const CategoryIdSchema = z
  .string({ message: 'must be a category id' })
  .regex(/^[a-z][a-z0-9_-]{0,63}$/, { message: 'must be a category id such as delivery (lower-case letters, digits, _ or -)' });

const WebhookUrlSchema = z
  .string({ message: 'must be a URL' })
  .trim()
  .max(2000, { message: 'must be at most 2,000 characters' })
  .pipe(z.url({ message: 'must be an https URL', protocol: /^https?$/ }));

const EmailSchema = z
  .string({ message: 'must be an e-mail address' })
  .trim()
  .max(254, { message: 'must be at most 254 characters' })
  .pipe(z.email({ message: 'must be one e-mail address such as ops@example.com' }));

const MetricsSchema = z
  .array(AlertMetricSchema)
  .min(1, { message: 'must name at least one metric' })
  .max(2)
  .transform((m) => [...new Set(m)]);

/**
 * An alert rule (managers and admins). Every own brand has one for all its mentions (`category` null), made when
 * first needed; it can be disabled, not deleted. Rules per category can be added and deleted. `state` says where
 * the detector is: `learning` until it has seen a week of the brand's mentions, `watermark` the last posted-time
 * minute fed (mentions posted before it that arrive later are `lateMinutes`, or rebuild the baseline when many).
 */
export const AlertRuleSchema = z.object({
  id: z.uuid(),
  brandId: z.uuid(),
  brandName: z.string(),
  brandKind: z.enum(['own', 'competitor']),
  category: z.string().nullable(),
  enabled: z.boolean(),
  metrics: z.array(AlertMetricSchema),
  /** https (http only to an allowed private host); the alert is POSTed here as Slack-compatible JSON. */
  webhookUrl: z.string().nullable(),
  /** One address that gets each alert by e-mail. */
  email: z.string().nullable(),
  state: z.object({
    learning: z.boolean(),
    /** First posted-time minute the detector learned from. */
    learnedFrom: z.iso.datetime().nullable(),
    watermark: z.iso.datetime().nullable(),
    raised: z.boolean(),
    lateMinutes: z.number().int(),
    lastRunAt: z.iso.datetime().nullable(),
    lastError: z.string().nullable(),
  }),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type AlertRule = z.infer<typeof AlertRuleSchema>;
export const AlertRuleListSchema = z.object({ items: z.array(AlertRuleSchema) });
export type AlertRuleList = z.infer<typeof AlertRuleListSchema>;

/** `POST /api/alert-rules`. */
export const CreateAlertRuleRequestSchema = z.strictObject({
  brandId: z.uuid({ message: 'must be a brand id' }),
  /** Null or absent: all the brand's mentions (one such rule per brand). */
  category: CategoryIdSchema.nullable().optional(),
  enabled: z.boolean({ message: 'must be true or false' }).optional(),
  metrics: MetricsSchema.optional(),
  webhookUrl: WebhookUrlSchema.nullable().optional(),
  email: EmailSchema.nullable().optional(),
});
export type CreateAlertRuleRequest = z.input<typeof CreateAlertRuleRequestSchema>;

/** `PATCH /api/alert-rules/:id`: null clears the webhook or e-mail. */
export const UpdateAlertRuleRequestSchema = z
  .strictObject({
    enabled: z.boolean({ message: 'must be true or false' }).optional(),
    metrics: MetricsSchema.optional(),
    webhookUrl: WebhookUrlSchema.nullable().optional(),
    email: EmailSchema.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'must change at least one of enabled, metrics, webhookUrl, email' });
export type UpdateAlertRuleRequest = z.input<typeof UpdateAlertRuleRequestSchema>;

/** What an alert's webhook receives (Slack incoming-webhook JSON); `X-Earshot-Event: alert.raised`, `X-Earshot-Delivery: <id>`. */
export const AlertWebhookPayloadSchema = z.object({
  text: z.string(),
  blocks: z.array(z.record(z.string(), z.unknown())),
});
export type AlertWebhookPayload = z.infer<typeof AlertWebhookPayloadSchema>;
