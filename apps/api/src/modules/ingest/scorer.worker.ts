/** The scorer's worker thread (see NlpMentionScorer): scores the pages it is sent, in order. */
import { parentPort } from 'node:worker_threads';
import type { ScoreInput } from './mention-scorer.js';
import { scoreWithNlp } from './nlp-score.js';

parentPort!.on('message', (msg: { id: number; items: ScoreInput[] }) => {
  try {
    parentPort!.postMessage({ id: msg.id, scores: scoreWithNlp(msg.items) });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
  }
});

// Load the models and compile the hot paths now, at boot, not while the first page waits.
// A page sent meanwhile is queued and scored right after.
const context = { followers: 120, verified: false, engagement: { replies: 1, reposts: 0, likes: 3 }, authorPostsLast24h: 1 };
scoreWithNlp(
  ['my flight was cancelled and nobody answers', 'love the new app, thanks!', 'refund still not processed after 3 weeks', 'is the site down? cannot log in'].map((text) => ({ text, context })),
);
