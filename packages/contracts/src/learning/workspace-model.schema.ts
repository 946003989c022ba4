import { z } from 'zod';
import { UserRefSchema } from '../inbox/mention.schema.js';

/**
 * Workspace models (Settings › Learning): a workspace's corrections and labelled posts train a
 * model on top of the shipped one. Versions count up per workspace; at most one is active.
 * training → ready (kept, not used) | active | rejected (worse than the one in use on the
 * held-out posts) | failed; an active model that another replaces becomes retired.
 */
export const WORKSPACE_MODEL_STATUSES = ['training', 'ready', 'active', 'rejected', 'retired', 'failed'] as const;
export const WorkspaceModelStatusSchema = z.enum(WORKSPACE_MODEL_STATUSES);
export type WorkspaceModelStatus = z.infer<typeof WorkspaceModelStatusSchema>;

/** Scores on held-out labelled posts: macro-F1 per head (null where no held-out post has that label). */
export const ModelMetricsSchema = z.object({
  sentimentMacroF1: z.number().nullable(),
  intentMacroF1: z.number().nullable(),
  categoryMacroF1: z.number().nullable(),
  /** Share of held-out posts whose labelled value the model gets right, over every labelled field. */
  agreement: z.number().nullable(),
  heldOut: z.number().int(),
});
export type ModelMetrics = z.infer<typeof ModelMetricsSchema>;

export const WorkspaceModelSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  status: WorkspaceModelStatusSchema,
  /** The model in use before (the shipped one or the previous active version) and this one, on the same held-out posts. */
  metrics: z.object({ before: ModelMetricsSchema, after: ModelMetricsSchema, better: z.boolean() }).nullable(),
  /** How many labelled posts it learned from, per head. */
  trainedOn: z.object({ sentiment: z.number().int(), intent: z.number().int(), category: z.number().int(), urgency: z.number().int() }).nullable(),
  /** Labelled posts it was trained from, and the time of the newest correction among them. */
  trainedFrom: z.object({ posts: z.number().int(), upTo: z.iso.datetime().nullable() }),
  /** null: the nightly run. */
  createdBy: UserRefSchema.nullable(),
  createdAt: z.iso.datetime(),
  activatedAt: z.iso.datetime().nullable(),
  /** Why training failed or why the model was not used, in plain words. */
  error: z.string().nullable(),
});
export type WorkspaceModel = z.infer<typeof WorkspaceModelSchema>;

export const LearningStateSchema = z.object({
  items: z.array(WorkspaceModelSchema),
  /** The active version, or null: the shipped model scores the workspace's posts. */
  activeModelId: z.uuid().nullable(),
  /** Labelled posts now, and how many arrived since the newest model was trained. */
  labelledPosts: z.number().int(),
  labelledSinceLastModel: z.number().int(),
  /** Labelled posts a training run needs at least. */
  minimumPosts: z.number().int(),
});
export type LearningState = z.infer<typeof LearningStateSchema>;

/** POST /learning/rollback: back to the version in use before the current one (default), or to the shipped model. */
export const RollbackRequestSchema = z.strictObject({
  to: z.enum(['previous', 'shipped'], { message: 'must be previous or shipped' }).default('previous'),
});
export type RollbackRequest = z.input<typeof RollbackRequestSchema>;
