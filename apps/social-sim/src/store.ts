import type { Brand, Corpus, CorpusPost, Sentiment } from './data/corpus.js';
import { cidFor, didFor, IdFactory } from './ids.js';
import type { Rng } from './rng.js';

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

const FIRST = ['jane', 'sam', 'alex', 'priya', 'li', 'marco', 'fatima', 'tom', 'ana', 'kenji', 'olu', 'maria', 'noah', 'ines', 'yusuf', 'chloe', 'dev', 'hana', 'luca', 'mo', 'sofia', 'ben', 'aiko', 'raj'];
const LAST = ['travels', 'codes', 'reads', 'k', 'b', 'the_great', 'writes', 'pdx', 'nyc', 'ldn', 'in_sf', 'runs', 'cooks', 'makes', '_', 'x'];
const MASTO_DOMAINS = ['mastodon.social', 'chaos.social', 'fosstodon.org', 'hachyderm.io', null];

/** In-memory platform state: accounts, posts, replies, the clock. */
export class SimStore {
  readonly ids = new IdFactory();
  readonly posts: Record<SimPlatform, SimPost[]> = { mastodon: [], bluesky: [], reddit: [], x: [], rss: [] };
  readonly replies: SimReply[] = [];
  readonly brandAccounts: Record<SimPlatform, SimAccount>;
  private readonly accounts = new Map<string, SimAccount>();
  private readonly threads = new Map<string, string>();
  private readonly byId = new Map<string, SimPost>();
  private readonly seqs: Record<SimPlatform, number> = { mastodon: 0, bluesky: 0, reddit: 0, x: 0, rss: 0 };
  private readonly lastCreated: Record<SimPlatform, number> = { mastodon: 0, bluesky: 0, reddit: 0, x: 0, rss: 0 };
  private readonly lastIndexed: Record<SimPlatform, number> = { mastodon: 0, bluesky: 0, reddit: 0, x: 0, rss: 0 };
  clockOffsetMs = 0;

  constructor(
    readonly brand: Brand,
    private readonly corpus: Corpus,
    private readonly rng: Rng,
  ) {
    this.brandAccounts = {
      mastodon: { platform: 'mastodon', id: '14715', handle: brand.handle, displayName: brand.name, followers: 48210, avatar: 'https://files.mastodon.example/accounts/avatars/acme.png', bot: false },
      bluesky: { platform: 'bluesky', id: didFor(brand.handle), handle: `${brand.handle}.bsky.social`, displayName: brand.name, followers: 21877, avatar: 'https://cdn.bsky.app/img/avatar/plain/acme@jpeg', bot: false },
      reddit: { platform: 'reddit', id: 't2_acme01', handle: `${brand.handle}_support`, displayName: `${brand.name} Support`, followers: 0, avatar: '', bot: false },
      x: { platform: 'x', id: '783214', handle: brand.handle, displayName: brand.name, followers: 1204331, avatar: 'https://pbs.twimg.com/profile_images/acme_normal.jpg', bot: false },
      rss: { platform: 'rss', id: brand.handle, handle: brand.handle, displayName: brand.name, followers: 0, avatar: '', bot: false },
    };
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  list(platform: SimPlatform): readonly SimPost[] {
    return this.posts[platform];
  }

  private version = 0;
  private readonly memo = new Map<string, { version: number; value: unknown }>();

  /** Marks the posts as changed: cached views are rebuilt on next use. */
  touch(): void {
    this.version++;
  }

  /**
   * A view of a platform's posts, computed once per change (not once per request: a real
   * platform has indexes, and the simulator must not be what a benchmark measures).
   */
  derived<T>(platform: SimPlatform, name: string, compute: () => T): T {
    const key = `${platform}|${name}`;
    const hit = this.memo.get(key);
    if (hit && hit.version === this.version) return hit.value as T;
    const value = compute();
    this.memo.set(key, { version: this.version, value });
    return value;
  }

  /** Posts still visible to readers (not deleted, not the brand's own replies), oldest first. */
  visible(platform: SimPlatform): readonly SimPost[] {
    return this.derived(platform, 'visible', () => this.posts[platform].filter((p) => !p.deleted && !p.byBrand));
  }

  get(platform: SimPlatform, id: string): SimPost | undefined {
    return this.byId.get(`${platform}|${id}`);
  }

  /** Ids of the posts that are still visible, oldest first (brand replies excluded). */
  visibleIds(platform: SimPlatform): string[] {
    return this.posts[platform].filter((p) => !p.deleted && !p.byBrand).map((p) => p.id);
  }

  account(platform: SimPlatform, name: string): SimAccount {
    const key = `${platform}|${name}`;
    const existing = this.accounts.get(key);
    if (existing) return existing;
    const followers = this.rng.next() < 0.03 ? 20_000 + this.rng.int(400_000) : Math.floor(Math.exp(this.rng.next() * 8.5));
    const display = name.replace(/[_\d]+/g, ' ').trim().replace(/\b\w/g, (c) => c.toUpperCase()) || name;
    let acc: SimAccount;
    switch (platform) {
      case 'mastodon': {
        const domain = this.rng.pick(MASTO_DOMAINS);
        acc = { platform, id: this.ids.accountId(), handle: domain ? `${name}@${domain}` : name, displayName: display, followers, avatar: `https://files.mastodon.example/avatars/${name}.png`, bot: false };
        break;
      }
      case 'bluesky':
        acc = { platform, id: didFor(name), handle: `${name.replace(/_/g, '-')}.bsky.social`, displayName: display, followers, avatar: `https://cdn.bsky.app/img/avatar/plain/${didFor(name)}/bafkrei${name}@jpeg`, bot: false };
        break;
      case 'reddit':
        acc = { platform, id: `t2_${(100000 + this.accounts.size * 7919).toString(36)}`, handle: name, displayName: name, followers: 0, avatar: '', bot: false };
        break;
      case 'x':
        acc = { platform, id: String(1_400_000_000 + this.accounts.size * 7_331), handle: name, displayName: display, followers, avatar: `https://pbs.twimg.com/profile_images/${name}_normal.jpg`, bot: false };
        break;
      case 'rss':
        acc = { platform, id: name, handle: name, displayName: display, followers: 0, avatar: '', bot: false };
        break;
    }
    this.accounts.set(key, acc);
    return acc;
  }

  /** A known account (authors seen so far and the brand) by platform id. */
  accountById(platform: SimPlatform, id: string): SimAccount | undefined {
    if (this.brandAccounts[platform].id === id) return this.brandAccounts[platform];
    for (const a of this.accounts.values()) if (a.platform === platform && a.id === id) return a;
    return undefined;
  }

  /** A known account by handle (case-insensitive; Mastodon also matches `user` of `user@domain`). */
  accountByHandle(platform: SimPlatform, handle: string): SimAccount | undefined {
    const h = handle.replace(/^@/, '').toLowerCase();
    const brand = this.brandAccounts[platform];
    if (brand.handle.toLowerCase() === h) return brand;
    for (const a of this.accounts.values()) if (a.platform === platform && a.handle.toLowerCase() === h) return a;
    return undefined;
  }

  /** Non-deleted posts whose parent is `id`, oldest first. */
  children(platform: SimPlatform, id: string): SimPost[] {
    return this.posts[platform].filter((p) => !p.deleted && p.parent?.id === id);
  }

  /** Marks a brand reply deleted by the brand itself (the reply log keeps it, with `deletedAt`). */
  deleteOwn(platform: SimPlatform, id: string): SimPost | undefined {
    const p = this.get(platform, id);
    if (!p || p.deleted || !p.byBrand) return undefined;
    p.deleted = true;
    this.touch();
    const parent = p.parent ? this.get(platform, p.parent.id) : undefined;
    if (parent && parent.replies > 0) parent.replies--;
    for (const r of this.replies) if (r.platform === platform && r.id === id) r.deletedAt = new Date(this.now()).toISOString();
    return p;
  }

  randomName(): string {
    return `${this.rng.pick(FIRST)}${this.rng.pick(LAST)}${this.rng.next() < 0.5 ? this.rng.int(100) : ''}`;
  }

  drawCorpus(o: { sentiment?: Sentiment; topic?: string }): CorpusPost {
    const pool = this.corpus.posts.filter((p) => (!o.sentiment || p.sentiment === o.sentiment) && (!o.topic || p.topic === o.topic));
    return this.rng.pick(pool.length ? pool : this.corpus.posts);
  }

  /** Adds `count` posts (default 1) per requested platform; the batch's created times end now. */
  seed(o: SeedOptions = {}): SimPost[] {
    const platforms = !o.platform || o.platform === 'all' ? [...SIM_PLATFORMS] : [o.platform];
    const count = Math.max(0, Math.min(o.count ?? 1, 100_000));
    const spacing = o.spacingMs ?? 1000;
    const out: SimPost[] = [];
    const now = this.now();
    for (const platform of platforms) {
      for (let i = 0; i < count; i++) {
        const c = o.text ? { text: o.text, sentiment: o.sentiment ?? null, topic: o.topic ?? null, source: 'control' } : this.drawCorpus(o);
        out.push(this.addPost(platform, c, now - (count - 1 - i) * spacing, o));
      }
    }
    return out;
  }

  addPost(platform: SimPlatform, c: Pick<CorpusPost, 'text' | 'sentiment' | 'topic' | 'source'>, desiredCreated: number, o: SeedOptions = {}): SimPost {
    const createdAt = Math.max(Math.floor(desiredCreated), this.lastCreated[platform] + 1);
    this.lastCreated[platform] = createdAt;
    const indexedAt = Math.max(createdAt + 200 + this.rng.int(800), this.lastIndexed[platform] + 1);
    this.lastIndexed[platform] = indexedAt;
    const author = this.account(platform, this.randomName());
    let text = c.text;
    const base = {
      platform,
      seq: ++this.seqs[platform],
      author,
      lang: o.lang === undefined ? 'en' : o.lang,
      createdAt,
      indexedAt,
      parent: null,
      root: null,
      byBrand: false,
      deleted: false,
      mentionsBrand: true,
      likes: this.rng.int(4) === 0 ? this.rng.int(40) : 0,
      reposts: this.rng.int(8) === 0 ? this.rng.int(10) : 0,
      replies: 0,
      sentiment: c.sentiment,
      topic: c.topic,
      source: c.source,
    };
    let post: SimPost;
    switch (platform) {
      case 'mastodon': {
        if (!new RegExp(`@${this.brand.handle}\\b`, 'i').test(text)) text = `@${this.brand.handle} ${text}`;
        const tags = [...new Set([...(text.match(/#(\w+)/g) ?? []).map((t) => t.slice(1).toLowerCase()), this.brand.handle.toLowerCase()])];
        post = { ...base, text, tags, id: this.ids.mastodonStatus(createdAt), notificationId: this.ids.mastodonNotification() };
        break;
      }
      case 'bluesky': {
        const rkey = this.ids.tid(createdAt);
        const uri = `at://${author.id}/app.bsky.feed.post/${rkey}`;
        const record = { $type: 'app.bsky.feed.post', text, createdAt: new Date(createdAt).toISOString(), langs: base.lang ? [base.lang] : [] };
        post = { ...base, text, tags: [], id: uri, rkey, cid: cidFor(record), record };
        break;
      }
      case 'reddit': {
        const sub = o.subreddit ?? 'gadgets';
        if (o.kind === 't1') {
          const linkId = this.threadFor(sub);
          post = { ...base, text, tags: [], id: `t1_${this.ids.redditComment()}`, kind: 't1', subreddit: sub, linkId, parent: { id: linkId }, root: { id: linkId } };
        } else {
          const title = text.length > 90 ? `${text.slice(0, 87).trimEnd()}...` : text;
          post = { ...base, text: text.length > 90 ? text : '', title, tags: [], id: `t3_${this.ids.redditPost()}`, kind: 't3', subreddit: sub };
        }
        break;
      }
      case 'x':
        post = { ...base, text, tags: [], id: this.ids.xTweet(createdAt) };
        break;
      case 'rss': {
        const n = this.ids.feedItem();
        const title = text.replace(/@\w+\s*/g, '').split(/(?<=[.!?])\s/)[0]?.slice(0, 80) || `Post ${n}`;
        post = { ...base, text, title, tags: [], id: `https://blog.example.net/${author.handle}/posts/${n}` };
        break;
      }
    }
    this.insert(post);
    return post;
  }

  insert(post: SimPost): void {
    this.posts[post.platform].push(post);
    this.touch();
    this.byId.set(`${post.platform}|${post.id}`, post);
  }

  nextSeq(platform: SimPlatform): number {
    return ++this.seqs[platform];
  }

  markTimes(platform: SimPlatform, createdAt: number): { createdAt: number; indexedAt: number } {
    const c = Math.max(createdAt, this.lastCreated[platform] + 1);
    this.lastCreated[platform] = c;
    const i = Math.max(c, this.lastIndexed[platform] + 1);
    this.lastIndexed[platform] = i;
    return { createdAt: c, indexedAt: i };
  }

  /** A brand-neutral support thread per subreddit that comments hang under. */
  private threadFor(sub: string): string {
    const existing = this.threads.get(sub);
    if (existing && this.get('reddit', existing)) return existing;
    const t = this.markTimes('reddit', this.now() - 3_600_000);
    const thread: SimPost = {
      platform: 'reddit', seq: this.nextSeq('reddit'), id: `t3_${this.ids.redditPost()}`, kind: 't3', subreddit: sub, title: 'Weekly support and questions thread',
      text: 'Ask your questions here.', author: this.account('reddit', 'AutoModerator'), lang: 'en', createdAt: t.createdAt, indexedAt: t.indexedAt, tags: [], parent: null, root: null,
      byBrand: false, deleted: false, mentionsBrand: false, likes: 12, reposts: 0, replies: 0, sentiment: null, topic: null, source: 'sim',
    };
    this.insert(thread);
    this.threads.set(sub, thread.id);
    return thread.id;
  }

  /** Marks posts deleted (hidden from listings; lookups return the platform's not-found / tombstone). */
  delete(platform: SimPlatform, ids: readonly string[]): string[] {
    const done: string[] = [];
    for (const id of ids) {
      const p = this.get(platform, id);
      if (p && !p.deleted) {
        p.deleted = true;
        this.touch();
        done.push(id);
      }
    }
    return done;
  }

  deleteRandom(platform: SimPlatform, count: number): string[] {
    const candidates = this.posts[platform].filter((p) => !p.deleted && !p.byBrand && p.mentionsBrand);
    this.rng.shuffle(candidates);
    return this.delete(platform, candidates.slice(0, count).map((p) => p.id));
  }

  reset(): void {
    for (const p of SIM_PLATFORMS) {
      this.posts[p] = [];
      this.touch();
      this.seqs[p] = 0;
    }
    this.byId.clear();
    this.replies.length = 0;
    this.threads.clear();
  }
}
