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
