/**
 * Seed words of the crisis reasons for the word-vector match (see scripts/build-clusters.ts and
 * score-urgency.ts), written from the TREC-IS priority definitions (ongoing danger, people hurt
 * or trapped, requests for rescue or supplies, damage to infrastructure), not from any data set.
 * A post word whose vector lies close to a reason's seed centroid makes that reason fire at half
 * weight when its phrase list did not (a word the lists do not know: "blaze", "rubble").
 */
export const SEMANTIC_SEEDS = {
  safety: [
    'fire',
    'blaze',
    'flames',
    'smoke',
    'explosion',
    'gunfire',
    'gunman',
    'shooter',
    'bomb',
    'attack',
    'flood',
    'flooding',
    'tornado',
    'hurricane',
    'tsunami',
    'earthquake',
    'aftershock',
    'wildfire',
    'landslide',
    'danger',
    'dangerous',
    'threat',
    'emergency',
    'toxic',
    'leak',
  ],
  casualties: [
    'dead',
    'death',
    'deaths',
    'killed',
    'died',
    'injured',
    'injuries',
    'wounded',
    'hurt',
    'casualties',
    'victims',
    'fatalities',
    'bodies',
    'missing',
    'trapped',
    'hospitalized',
  ],
  rescue: [
    'rescue',
    'rescued',
    'rescuers',
    'evacuate',
    'evacuation',
    'evacuees',
    'shelter',
    'stranded',
    'sos',
    'supplies',
    'water',
    'food',
    'medicine',
    'ambulance',
    'volunteers',
  ],
  damage: [
    'damage',
    'damaged',
    'destroyed',
    'destruction',
    'collapsed',
    'debris',
    'rubble',
    'flooded',
    'submerged',
    'blackout',
    'outage',
    'roads',
    'blocked',
    'bridge',
    'homes',
    'buildings',
    'wreckage',
    'uprooted',
  ],
} as const;

export type SemanticReason = keyof typeof SEMANTIC_SEEDS;
export const SEMANTIC_REASONS = Object.keys(SEMANTIC_SEEDS) as SemanticReason[];

/** Cosine to the seed centroid from which a word counts (set before measuring, not fitted). */
export const SEMANTIC_MIN_SIMILARITY = 0.6;
/** The word-vector match adds this share of the reason's weight. */
export const SEMANTIC_SHARE = 0.5;
/** The most frequent words of the table ("the", "said", ...) never count. */
export const SEMANTIC_SKIP_TOP = 100;
