/** The peer scorers the eval and bench compare against (dev dependencies). */
import { createRequire } from 'node:module';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { type Polarity } from './datasets.js';

const require = createRequire(import.meta.url);

interface VaderModule {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
}
interface AfinnInstance {
  analyze(text: string): { score: number; comparative: number };
}

const vader = require('vader-sentiment') as VaderModule;
const Sentiment = require('sentiment') as new () => AfinnInstance;
const afinn = new Sentiment();
const wink = winkNLP(model);

export interface Peer {
  name: string;
  /** Continuous score (for Pearson r and AUC). */
  score(text: string): number;
  /** The library's own neutral band. */
  label(score: number): Polarity;
}

export const PEERS: Peer[] = [
  {
    name: 'vader-sentiment',
    score: (t) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound,
    label: (s) => (s >= 0.05 ? 'positive' : s <= -0.05 ? 'negative' : 'neutral'),
  },
  {
    name: 'sentiment (AFINN)',
    score: (t) => afinn.analyze(t).score,
    label: (s) => (s > 0 ? 'positive' : s < 0 ? 'negative' : 'neutral'),
  },
  {
    name: 'wink-nlp built-in',
    score: (t) => wink.readDoc(t).out(wink.its.sentiment) as unknown as number,
    label: (s) => (s > 0 ? 'positive' : s < 0 ? 'negative' : 'neutral'),
  },
];
