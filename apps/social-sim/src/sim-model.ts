// The simulator's data model: platforms, accounts, posts, the brand's replies, seeding options.
import type { Sentiment } from './data/corpus.js';

export const SIM_PLATFORMS = ['mastodon', 'bluesky', 'reddit', 'x', 'rss'] as const;
export type SimPlatform = (typeof SIM_PLATFORMS)[number];

export interface SimAccount {
  platform: SimPlatform;
  /** Mastodon account id | DID | Reddit t2_ fullname | X user id | feed author. */
  id: string;
  /** Mastodon acct (`jane@chaos.social`) | Bluesky handle | Reddit name | X username. */
  handle: string;
  displayName: string;
  followers: number;
  avatar: string;
  bot: boolean;
}

export interface SimPost {
  platform: SimPlatform;
  /** Insertion order within the platform; every listing's keyset. */
  seq: number;
  /** Mastodon status id | at:// URI | Reddit fullname | tweet id | feed guid. */
  id: string;
  notificationId?: string;
  cid?: string;
  rkey?: string;
  kind?: 't1' | 't3';
  subreddit?: string;
  linkId?: string;
  title?: string;
  author: SimAccount;
  text: string;
  lang: string | null;
  createdAt: number;
  indexedAt: number;
  tags: string[];
  parent: { id: string; cid?: string } | null;
  root: { id: string; cid?: string } | null;
  byBrand: boolean;
  deleted: boolean;
  /** Mentions the brand account (drives notifications / mentions timelines). */
  mentionsBrand: boolean;
  likes: number;
  reposts: number;
  replies: number;
  sentiment: Sentiment | null;
  topic: string | null;
  source: string;
  /** Bluesky record as written (putRecord no-op check). */
  record?: Record<string, unknown>;
}

export interface SimReply {
  platform: SimPlatform;
  id: string;
  inReplyTo: string;
  text: string;
  idempotencyKey: string | null;
  endpoint: string;
  createdAt: string;
  /** Id of the request that made it in the request log (`/_control/requests`), when made over HTTP. */
  requestId?: number;
  /** Set when the brand deleted this reply through the platform's API. */
  deletedAt?: string;
}

export interface SeedOptions {
  platform?: SimPlatform | 'all';
  count?: number;
  /** Exact text (the brand is not added); otherwise real posts from the corpus are drawn. */
  text?: string;
  sentiment?: Sentiment;
  /** Draw only corpus posts with this topic (e.g. `Cancelled Flight`). */
  topic?: string;
  /** Reddit: `t3` submission (found by search, default) or `t1` comment (subreddit stream). */
  kind?: 't1' | 't3';
  subreddit?: string;
  lang?: string | null;
  /** Gap between consecutive created times of a batch (ms, default 1000; the batch ends now). */
  spacingMs?: number;
}

/** The fields every reply the brand posts starts with, on every platform (a fresh post of ours). */
export const BRAND_REPLY = {
  byBrand: true,
  deleted: false,
  mentionsBrand: false,
  likes: 0,
  reposts: 0,
  replies: 0,
  sentiment: null,
  topic: null,
  source: 'reply',
} as const satisfies Partial<SimPost>;
