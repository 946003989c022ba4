/**
 * npm run bench -w @earshot/nlp
 * Single-thread throughput of the whole analyze() and of each peer, on the same texts: real
 * posts from shared/eval when present, else built-in fixture texts.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../src/index.js';
import * as d from './lib/datasets.js';
import { resolveEvalDir } from './lib/eval-dir.js';
import { PEERS } from './lib/peers.js';

const FIXTURES = [
  '@united on hold for two hours, still no answer. Missed my connection to Denver #fail',
  'Not bad at all, thanks @Delta for the upgrade! 😍',
  'great, another delay @SouthwestAir... third time this week',
  'There is smoke in the cabin on flight 1234, crew is not saying anything @united',
  'My account was hacked and you charged my card twice. Talking to my lawyer. https://t.co/abc',
  '¿Dónde está mi maleta? Llevo tres días esperando',
  'Follow me and win a free iPhone!!! click here http://spam.example #giveaway #free #win #iphone #promo',
  'How do I change the email on my account?',
];

function texts(): { source: string; items: string[] } {
  const dir = resolveEvalDir();
  if (!existsSync(path.join(dir, 'airline-tweets', 'dev.csv'))) return { source: 'built-in fixtures', items: FIXTURES };
  const items = [
    ...d.loadAirline(dir).rows.map((r) => r.text),
    ...d.loadComplaints(dir).rows.map((r) => r.text),
    ...d
      .loadSemEval(dir)
      .rows.slice(0, 4000)
      .map((r) => r.text),
  ];
  return { source: `${items.length} posts from airline-tweets, complaints-preotiuc2019 and semeval2017-task4a`, items };
}

function rate(fn: (t: string) => unknown, items: readonly string[], minMs: number): number {
  // warm-up
  for (let i = 0; i < Math.min(items.length, 2000); i += 1) fn(items[i] ?? '');
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < minMs) {
    for (const t of items) fn(t);
    n += items.length;
    now = performance.now();
  }
  return n / ((now - start) / 1000);
}

const { source, items } = texts();
console.log(`texts: ${source}; single thread, Node ${process.version}`);
const mine = rate((t) => analyze(t), items, 3000);
console.log(`analyze-throughput: ${Math.round(mine)} mentions/s  (target >= 10000)`);
for (const p of PEERS) {
  const r = rate((t) => p.score(t), items, 2000);
  console.log(`${p.name}: ${Math.round(r)} mentions/s`);
}
