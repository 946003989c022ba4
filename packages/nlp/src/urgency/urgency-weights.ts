/**
 * Urgency points, added up and capped to 0..100. Documented in the package README; change
 * them there too. Chosen from what a response desk would want first, not fitted to any data.
 */
export const URGENCY_WEIGHTS = {
  /** x probability of negative tone, when the post reads negative. */
  negativity: 20,
  /** x probability of complaint, when the post is a complaint. */
  complaint: 15,
  safety: 40,
  legal: 25,
  privacy: 25,
  churn: 15,
  outage: 12,
  timeCritical: 12,
  waiting: 8,
  anger: 8,
  sarcasm: 6,
  question: 5,
  /** Second, third, fourth-or-more post from the author in the window. */
  repeatAuthor: [8, 15, 20],
  /** Followers at least 1k, 10k, 100k, 1M. */
  reach: [3, 8, 15, 20],
  verified: 6,
  /** Engagement (likes + 2 x shares + replies) at least 10, 50, 500. */
  engagement: [2, 6, 12],
  praise: -10,
  spam: -20,
} as const;

/** Level thresholds on the 0..100 score. */
export const URGENCY_LEVELS = { critical: 70, high: 45, medium: 20 } as const;
