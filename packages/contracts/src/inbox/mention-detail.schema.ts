import { z } from 'zod';
import { ReplyabilitySchema, ReplySchema, TeamReplySchema } from '../replies/reply.schema.js';
import { MentionCorrectionSchema } from './correction.schema.js';
import { MentionNoteSchema, MentionSchema } from './mention.schema.js';

/** One mention with what an agent needs to answer the person: thread, author history, notes. */
export const MentionDetailSchema = z.object({
  mention: MentionSchema,
  thread: z.object({
    /** The post this one answers, when Earshot stored it. */
    parent: MentionSchema.nullable(),
    /** Stored posts that answer this one, oldest first. */
    replies: z.array(MentionSchema),
  }),
  authorHistory: z.object({
    /** All stored mentions by this author in the workspace. */
    total: z.number().int(),
    /** Of those, how many still need the team (new, open, pending). */
    open: z.number().int(),
    /** Their earlier mentions, newest first (at most 20). */
    earlier: z.array(MentionSchema),
    /** Earlier replies from the team to this author (sent), newest first (at most 20). */
    teamReplies: z.array(TeamReplySchema),
  }),
  /** The team's replies to this mention, oldest first, every status (rejected ones with the comment). */
  replies: z.array(ReplySchema),
  /** Whether it can be answered from Earshot, and if not, why. */
  replyability: ReplyabilitySchema,
  notes: z.array(MentionNoteSchema),
  /**
   * The team's corrections of this mention, newest first (at most 50): who set which field and when
   * (`mention.corrected` has the current values). Absent from older servers.
   */
  corrections: z.array(MentionCorrectionSchema).optional(),
});
export type MentionDetail = z.infer<typeof MentionDetailSchema>;
