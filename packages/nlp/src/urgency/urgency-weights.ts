/**
 * Urgency points, added up and capped to 0..100. Documented in the package README; change
 * them there too. Chosen from what a response desk (and a crisis-triage desk) should see
 * first, not fitted to any data set.
 */
export const URGENCY_WEIGHTS = {
  /** x probability of negative tone, when the post reads negative. */
  negativity: 20,
  /** x probability of complaint, when the post is a complaint. */
  complaint: 15,
  /** Immediate danger: fire, smoke, weapons, medical emergency, hazard happening now. */
  safety: 30,
  /** People hurt, trapped, missing or dead. */
  casualties: 30,
  /** Asks for rescue, evacuation, water, food, shelter. */
  rescue: 25,
  legal: 25,
  privacy: 25,
  /** Threatens to go to the press, a regulator-like body, the CEO, or to make it viral. */
  escalation: 15,
  churn: 15,
  /** Damage to homes, roads, power. */
  damage: 12,
  /** Money lost: charged twice, no refund. */
  money: 12,
  outage: 12,
  timeCritical: 12,
  /** Reproach aimed at the company (lied, stole, your fault, "why did you"). */
  accusation: 10,
  /** Demands a remedy or an answer ("make it right", "I want my money back", "explain why"). */
  demand: 10,
  waiting: 8,
  anger: 8,
  sarcasm: 6,
  /** A hazard named only as a topic (earthquake, wildfire, storm). */
  disaster: 5,
  question: 5,
  /** Shouting: 2+ words in capitals or 3+ exclamation marks. */
  intensity: 4,
  /** Second, third, fourth-or-more post from the author in the window. */
  repeatAuthor: [8, 15, 20],
  /** Followers at least 1k, 10k, 100k, 1M. */
  reach: [3, 8, 15, 20],
  verified: 6,
  /** Engagement (likes + 2 x shares + replies) at least 10, 50, 500. */
  engagement: [2, 6, 12],
  /** Danger denied or over: "no injuries", "everyone is safe", "under control". */
  reassurance: -15,
  /** Prayers, condolences, sympathy with no call to act. */
  sympathy: -10,
  /** Asks readers to donate or fund-raise. */
  donation: -8,
  /** Political or policy debate about the event. */
  opinion: -8,
  /** A retweet, or a shared link with no first-person words, and no danger, casualty or rescue reason. */
  broadcast: -6,
  praise: -10,
  spam: -20,
  /**
   * Points of a reason that sets a floor (URGENCY_FLOORS); when the sum stays below the floor
   * level's threshold, the reason also carries the difference, so the score reaches it.
   */
  floor: { danger: 30, 'money-taken': 20, vulnerable: 20, 'outage-everyone': 15, 'product-hazard': 20 },
} as const;

/** Lowest score of each urgency level on the 0..100 score (the level names are `UrgencyLevel`). */
export const URGENCY_THRESHOLDS = { critical: 70, high: 45, medium: 20 } as const;
