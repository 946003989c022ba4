import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from './csv.js';
import { BUNDLED_POSTS } from './fixture-posts.js';

export type Sentiment = 'negative' | 'neutral' | 'positive';

/** One real post, with the original brand rewritten to the demo brand. */
export interface CorpusPost {
  text: string;
  sentiment: Sentiment | null;
  /** Complaint theme (airline `negativereason`) or domain; null when unknown. */
  topic: string | null;
  /** Which data set it came from (folder name under shared/eval). */
  source: string;
}

export interface Corpus {
  origin: 'eval' | 'bundled';
  dir: string | null;
  posts: CorpusPost[];
  /** Topics that have at least 20 negative posts (for the crisis scenario). */
  topics: string[];
}

export interface Brand {
  /** Handle without @, e.g. `acme`. */
  handle: string;
  /** Display name, e.g. `Acme`. */
  name: string;
}

/** `apps/social-sim` (works from src/data and dist/data). */
const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** shared/eval: $EARSHOT_EVAL_DIR, else `apps/social-sim/../../../shared/eval` (= /work/shared/eval beside the repo). */
export function defaultEvalDir(env: NodeJS.ProcessEnv = process.env): string {
  return env['EARSHOT_EVAL_DIR'] || path.resolve(APP_DIR, '..', '..', '..', 'shared', 'eval');
}

const AIRLINE_HANDLES = /@(united|unitedairlines|SouthwestAir|Delta|DeltaAssist|VirginAmerica|virginatlantic|JetBlue)\b/gi;
const AIRLINE_NAMES = /\b(United Airlines|Southwest Airlines|Virgin America|Southwest|Delta|United)\b/g;

function sentimentOf(v: string | undefined): Sentiment | null {
  return v === 'negative' || v === 'neutral' || v === 'positive' ? v : null;
}

/** Rewrites the original brand to the demo brand and drops anonymised numeric @ids. */
export function rewriteBrand(text: string, source: string, brand: Brand): string {
  const at = `@${brand.handle}`;
  let t = text;
  if (source === 'airline-tweets') t = t.replace(AIRLINE_HANDLES, at).replace(AIRLINE_NAMES, brand.name);
  else if (source === 'amazonhelp-twcs')
    t = t
      .replace(/@AmazonHelp\b/gi, at)
      .replace(/@amazon\w*/gi, at)
      .replace(/amazon/gi, brand.name)
      .replace(/@\d+\b/g, '');
  else t = t.replace(/^(\s*@\w+)+/, at);
  t = t
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
  if (!t.toLowerCase().includes(brand.handle.toLowerCase())) t = `${at} ${t}`;
  return t;
}

function fromEval(dir: string, brand: Brand): CorpusPost[] {
  const posts: CorpusPost[] = [];
  const airline = path.join(dir, 'airline-tweets', 'dev.csv');
  if (existsSync(airline)) {
    const [head, ...rows] = parseCsv(readFileSync(airline, 'utf8'));
    const col = (name: string): number => (head ?? []).indexOf(name);
    const [ti, si, ri] = [col('text'), col('airline_sentiment'), col('negativereason')];
    for (const r of rows) {
      const text = r[ti];
      if (!text) continue;
      posts.push({ text: rewriteBrand(text, 'airline-tweets', brand), sentiment: sentimentOf(r[si]), topic: r[ri] || null, source: 'airline-tweets' });
    }
  }
  const amazon = path.join(dir, 'amazonhelp-twcs', 'amazonhelp_annotations.csv');
  if (existsSync(amazon)) {
    const [head, ...rows] = parseCsv(readFileSync(amazon, 'utf8'));
    const ti = (head ?? []).indexOf('text');
    const li = (head ?? []).indexOf('label');
    for (const r of rows) {
      const text = r[ti];
      if (text) posts.push({ text: rewriteBrand(text, 'amazonhelp-twcs', brand), sentiment: sentimentOf(r[li]), topic: 'orders', source: 'amazonhelp-twcs' });
    }
  }
  const complaints = path.join(dir, 'complaints-preotiuc2019', 'complaints-data.csv');
  if (existsSync(complaints)) {
    // No header: tweet id, text, label (1 complaint), domain. Only tweets addressed to a brand account.
    for (const r of parseCsv(readFileSync(complaints, 'utf8'))) {
      const [, text, label, domain] = r;
      if (!text || !/^\s*@\w+/.test(text) || domain?.startsWith('random')) continue;
      posts.push({
        text: rewriteBrand(text, 'complaints-preotiuc2019', brand),
        sentiment: label === '1' ? 'negative' : null,
        topic: domain ?? null,
        source: 'complaints-preotiuc2019',
      });
    }
  }
  return posts;
}

function fromBundle(brand: Brand): CorpusPost[] {
  return BUNDLED_POSTS.map(([, label, , text]) => ({
    text: rewriteBrand(text, 'amazonhelp-twcs', brand),
    sentiment: sentimentOf(label),
    topic: 'orders',
    source: 'amazonhelp-twcs',
  }));
}

/** Reads real posts from shared/eval when present, else the bundled 200 (see fixture-posts.ts). */
export function loadCorpus(brand: Brand, evalDir: string | null = defaultEvalDir()): Corpus {
  let posts: CorpusPost[] = [];
  let origin: Corpus['origin'] = 'bundled';
  if (evalDir && existsSync(evalDir)) {
    posts = fromEval(evalDir, brand);
    if (posts.length) origin = 'eval';
  }
  if (!posts.length) posts = fromBundle(brand);
  const counts = new Map<string, number>();
  for (const p of posts) if (p.sentiment === 'negative' && p.topic) counts.set(p.topic, (counts.get(p.topic) ?? 0) + 1);
  const topics = [...counts.entries()]
    .filter(([, n]) => n >= 20)
    .sort((a, b) => b[1] - a[1])
    .map(([t]) => t);
  return { origin, dir: origin === 'eval' ? evalDir : null, posts, topics };
}
