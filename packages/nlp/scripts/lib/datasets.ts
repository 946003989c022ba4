/**
 * Loaders for the labelled sets in shared/eval. Each folder's SOURCE.md says how to read it
 * (encodings, headers); every loader reports the rows it kept and the rows it dropped, and why.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

export type Polarity = 'negative' | 'neutral' | 'positive';

export interface Loaded<T> {
  name: string;
  rows: T[];
  dropped: number;
  dropReason: string;
}

export interface SentimentRow {
  text: string;
  label: Polarity;
  /** Extra grouping key (airline, topic), when the set has one. */
  group: string;
  /** Label confidence in [0, 1] (1 when the set gives none). */
  confidence: number;
  /** Airline `negativereason`, when present. */
  reason?: string;
  /** VADER mean rating in [-4, 4], when present. */
  rating?: number;
}

export interface ComplaintRow {
  text: string;
  complaint: 0 | 1;
  domain: string;
  severity?: number;
}

export interface PriorityRow {
  text: string;
  priority: 'Low' | 'Medium' | 'High' | 'Critical';
  event: string;
}

type Rec = Record<string, string>;

function csv(file: string, encoding: BufferEncoding, columns: boolean | string[] = true): Rec[] {
  const text = readFileSync(file).toString(encoding);
  return parse(text, { columns, skip_empty_lines: true, relax_quotes: true, relax_column_count: true, bom: true }) as unknown as Rec[];
}

function col(r: Rec, k: string): string {
  return r[k] ?? '';
}

export function loadAirline(dir: string): Loaded<SentimentRow> {
  const rows: SentimentRow[] = [];
  let dropped = 0;
  for (const r of csv(path.join(dir, 'airline-tweets', 'dev.csv'), 'utf8')) {
    const label = col(r, 'airline_sentiment');
    if (label !== 'negative' && label !== 'neutral' && label !== 'positive') {
      dropped += 1;
      continue;
    }
    const reason = col(r, 'negativereason');
    rows.push({
      text: col(r, 'text'),
      label,
      group: col(r, 'airline'),
      confidence: Number(col(r, 'airline_sentiment_confidence')) || 1,
      ...(reason ? { reason } : {}),
    });
  }
  return { name: 'airline-tweets', rows, dropped, dropReason: 'no label' };
}

export function loadAmazonHelp(dir: string): Loaded<SentimentRow> {
  const rows: SentimentRow[] = [];
  let dropped = 0;
  for (const r of csv(path.join(dir, 'amazonhelp-twcs', 'amazonhelp_annotations.csv'), 'utf8')) {
    const label = col(r, 'label');
    if (label !== 'negative' && label !== 'neutral' && label !== 'positive') {
      dropped += 1;
      continue;
    }
    rows.push({ text: col(r, 'text'), label, group: 'amazonhelp', confidence: 1 });
  }
  return { name: 'amazonhelp-twcs', rows, dropped, dropReason: 'no label' };
}

export function loadApple(dir: string): Loaded<SentimentRow> {
  const rows: SentimentRow[] = [];
  let dropped = 0;
  const map: Record<string, Polarity> = { '1': 'negative', '3': 'neutral', '5': 'positive' };
  for (const r of csv(path.join(dir, 'apple-twitter-sentiment', 'Apple-Twitter-Sentiment-DFE.csv'), 'latin1')) {
    const label = map[col(r, 'sentiment')];
    if (!label) {
      dropped += 1;
      continue;
    }
    rows.push({ text: col(r, 'text'), label, group: 'apple', confidence: Number(col(r, 'sentiment:confidence')) || 1 });
  }
  return { name: 'apple-twitter-sentiment', rows, dropped, dropReason: 'not_relevant' };
}

export function loadSanders(dir: string): Loaded<SentimentRow> {
  const rows: SentimentRow[] = [];
  let dropped = 0;
  for (const r of csv(path.join(dir, 'sanders-brand-tweets', 'full-corpus.csv'), 'utf8')) {
    const label = col(r, 'Sentiment');
    if (label !== 'negative' && label !== 'neutral' && label !== 'positive') {
      dropped += 1;
      continue;
    }
    rows.push({ text: col(r, 'TweetText'), label, group: col(r, 'Topic'), confidence: 1 });
  }
  return { name: 'sanders-brand-tweets', rows, dropped, dropReason: 'irrelevant' };
}

export function loadSxsw(dir: string): Loaded<SentimentRow> {
  const rows: SentimentRow[] = [];
  let dropped = 0;
  const map: Record<string, Polarity> = {
    'Negative emotion': 'negative',
    'Positive emotion': 'positive',
    'No emotion toward brand or product': 'neutral',
  };
  for (const r of csv(path.join(dir, 'brand-emotion-sxsw', 'judge-1377884607_tweet_product_company.csv'), 'latin1')) {
    const label = map[col(r, 'is_there_an_emotion_directed_at_a_brand_or_product')];
    const text = col(r, 'tweet_text');
    if (!label || !text.trim()) {
      dropped += 1;
      continue;
    }
    rows.push({ text, label, group: 'sxsw', confidence: 1 });
  }
  return { name: 'brand-emotion-sxsw', rows, dropped, dropReason: "I can't tell / empty tweet" };
}

export function loadSemEval(dir: string): Loaded<SentimentRow> {
  const rows: SentimentRow[] = [];
  let dropped = 0;
  const text = readFileSync(path.join(dir, 'semeval2017-task4a', 'SemEval2017-task4-test.subtask-A.english.txt'), 'utf8');
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const [, label, ...rest] = line.split('\t');
    if (label !== 'negative' && label !== 'neutral' && label !== 'positive') {
      dropped += 1;
      continue;
    }
    rows.push({ text: rest.join('\t'), label, group: 'semeval', confidence: 1 });
  }
  return { name: 'semeval2017-task4a', rows, dropped, dropReason: 'malformed line' };
}

export type VaderSet = 'tweets' | 'amazonReviewSnippets' | 'movieReviewSnippets' | 'nytEditorialSnippets';

export function loadVader(dir: string, set: VaderSet): Loaded<SentimentRow> {
  const rows: SentimentRow[] = [];
  let dropped = 0;
  const text = readFileSync(path.join(dir, 'vader-ground-truth', `${set}_GroundTruth.txt`), 'utf8');
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const [, mean, ...rest] = line.split('\t');
    const rating = Number(mean);
    if (!Number.isFinite(rating)) {
      dropped += 1;
      continue;
    }
    const label: Polarity = rating > 0.5 ? 'positive' : rating < -0.5 ? 'negative' : 'neutral';
    rows.push({ text: rest.join('\t'), label, group: set, confidence: 1, rating });
  }
  return { name: `vader-${set}`, rows, dropped, dropReason: 'malformed line' };
}

export function loadComplaints(dir: string): Loaded<ComplaintRow> {
  const rows: ComplaintRow[] = [];
  let dropped = 0;
  const recs = csv(path.join(dir, 'complaints-preotiuc2019', 'complaints-data.csv'), 'utf8', ['id', 'text', 'label', 'domain']);
  for (const r of recs) {
    const label = col(r, 'label');
    if (label !== '0' && label !== '1') {
      dropped += 1;
      continue;
    }
    rows.push({ text: col(r, 'text'), complaint: label === '1' ? 1 : 0, domain: col(r, 'domain') });
  }
  return { name: 'complaints-preotiuc2019', rows, dropped, dropReason: 'no label' };
}

export function loadXci(dir: string): Loaded<ComplaintRow> {
  const rows: ComplaintRow[] = [];
  let dropped = 0;
  for (const r of csv(path.join(dir, 'complaints-xci2023', 'x-ci-dataset.csv'), 'utf8')) {
    const label = col(r, 'label');
    const severity = Number(col(r, 'Severity'));
    if ((label !== '0' && label !== '1') || !Number.isFinite(severity)) {
      dropped += 1;
      continue;
    }
    rows.push({ text: col(r, 'tweet'), complaint: label === '1' ? 1 : 0, domain: col(r, 'domain'), severity });
  }
  return { name: 'complaints-xci2023', rows, dropped, dropReason: 'no label / severity' };
}

export function loadTrecIs(dir: string): Loaded<PriorityRow> {
  const rows: PriorityRow[] = [];
  let dropped = 0;
  for (const r of csv(path.join(dir, 'trec-is-2019b', 'trecis-2019b-priority.csv'), 'utf8')) {
    const p = col(r, 'priority');
    if (p !== 'Low' && p !== 'Medium' && p !== 'High' && p !== 'Critical') {
      dropped += 1;
      continue;
    }
    rows.push({ text: col(r, 'text'), priority: p, event: col(r, 'event') });
  }
  return { name: 'trec-is-2019b', rows, dropped, dropReason: 'unknown priority' };
}
