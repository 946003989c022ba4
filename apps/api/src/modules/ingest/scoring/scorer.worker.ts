/** The scorer's worker thread (see NlpMentionScorer): scores the pages it is sent, in order. */
import { parentPort } from 'node:worker_threads';
import type { Analyzer } from '@earshot/nlp';
import type { ScorerRequest } from './nlp-mention-scorer.js';
import { analyzerForProfile, scoreWithNlp } from './nlp-score.js';

/**
 * Workspace analyzers by profile key. The main thread decides what is here: it sends a
 * profile's model and rules once (then only its key) and names the key to evict when it sends
 * one too many, so both sides always agree on what the worker holds.
 */
const analyzers = new Map<string, Analyzer>();

parentPort!.on('message', (msg: ScorerRequest) => {
  try {
    if (msg.evict) analyzers.delete(msg.evict);
    let using: Analyzer | undefined;
    if (msg.profile) {
      using = analyzers.get(msg.profile.key);
      if (!using) {
        if (!msg.profile.model && !msg.profile.rules) throw new Error(`unknown scoring profile ${msg.profile.key}`);
        using = analyzerForProfile({ model: msg.profile.model ?? null, rules: msg.profile.rules ?? [] });
        analyzers.set(msg.profile.key, using);
      }
    }
    parentPort!.postMessage({ id: msg.id, scores: scoreWithNlp(msg.items, using) });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
  }
});

// Load the models and compile the hot paths now, at boot, not while the first pages wait. The
// posts reach the scorer's rarer branches too (a retweet, punctuation only, blame, a deadline,
// reassurance, sympathy, a crisis, spam, sarcasm, other languages) and the contexts vary, so
// the optimised code has seen them and is not thrown away later (each re-optimisation of the
// urgency scorer costs ~150 ms of compiler time). A page sent meanwhile is queued and scored right after.
const WARM_TEXTS = [
  'my flight was cancelled and nobody answers',
  'love the new app, thanks!',
  'refund still not processed after 3 weeks',
  'is the site down? cannot log in',
  'RT @news: outage reported across the region https://example.com/a',
  '!!!',
  'you lost my bag and you charged my card twice',
  'my flight leaves in 2 hours and the gate agent is gone',
  'update: everyone is safe, the fire is out',
  'praying for everyone affected by the storm',
  'please donate to the relief fund',
  'smoke in the cabin, people are trapped, send help',
  'follow me and win a free iPhone!!! click here http://spam.example #giveaway #free',
  'great, another delay... third time this week',
  '¿Dónde está mi maleta? Llevo tres días esperando',
  'WORST SERVICE EVER!!! I AM DONE WITH YOU',
  'not bad at all, the upgrade was smooth 😍',
  '😡😡😡',
  'I will sue you, talking to my lawyer about the data breach',
  'cancelling my subscription, switching to a competitor',
];
const CONTEXTS = [
  { followers: 120, verified: false, engagement: { replies: 1, reposts: 0, likes: 3 }, authorPostsLast24h: 1 },
  { followers: null, verified: false, engagement: { replies: null, reposts: null, likes: null }, authorPostsLast24h: 3 },
  { followers: 2_500_000, verified: true, engagement: { replies: 900, reposts: 4_000, likes: 12_000 }, authorPostsLast24h: 5 },
  { followers: 4, verified: false, engagement: { replies: 0, reposts: 12, likes: 60 }, authorPostsLast24h: 2 },
];
for (let round = 0; round < 25; round++) {
  scoreWithNlp(WARM_TEXTS.map((text, i) => ({ text, context: CONTEXTS[(i + round) % CONTEXTS.length]! })));
}
