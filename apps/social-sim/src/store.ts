import type { Brand, Corpus, CorpusPost, Sentiment } from './data/corpus.js';
import { cidFor, IdFactory } from './ids.js';
import type { Rng } from './rng.js';
import { SimAccounts } from './sim-accounts.js';
import { SIM_PLATFORMS, type SeedOptions, type SimAccount, type SimPlatform, type SimPost, type SimReply } from './sim-model.js';

type PostBody = Pick<CorpusPost, 'text' | 'sentiment' | 'topic' | 'source'>;

/** A second brand that some corpus posts mention instead of the brand, a few besides it (SocialSimOptions.competitor). */
export interface SimCompetitor extends Brand {
  /** Share of corpus posts that mention the competitor instead of the brand (default 0.25). */
  share?: number;
  /** Share of corpus posts that mention both brands (default 0.04). */
  bothShare?: number;
}

/** Which brands a post mentions. */
type Mentions = 'brand' | 'competitor' | 'both';

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where a back-dated post goes: its seq below every live one, its Mastodon notification id. */
interface PastSlot {
  seq: number;
  notificationId: string | undefined;
}

/** In-memory platform state: posts, replies, the clock; accounts in `people` (sim-accounts.ts). */
export class SimStore {
  readonly ids = new IdFactory();
  readonly posts: Record<SimPlatform, SimPost[]> = { mastodon: [], bluesky: [], reddit: [], x: [], rss: [] };
  readonly replies: SimReply[] = [];
  /** Mastodon's Idempotency-Key memory: `<account id>|<key>` → the status it made, until `expiresAt` (store clock). */
  readonly idempotency = new Map<string, { id: string; expiresAt: number }>();
  readonly brandAccounts: Record<SimPlatform, SimAccount>;
  /** Authors and the brand's own accounts. */
  readonly people: SimAccounts;
  private readonly threads = new Map<string, string>();
  private readonly byId = new Map<string, SimPost>();
  private readonly seqs: Record<SimPlatform, number> = { mastodon: 0, bluesky: 0, reddit: 0, x: 0, rss: 0 };
  private readonly lastCreated: Record<SimPlatform, number> = { mastodon: 0, bluesky: 0, reddit: 0, x: 0, rss: 0 };
  private readonly lastIndexed: Record<SimPlatform, number> = { mastodon: 0, bluesky: 0, reddit: 0, x: 0, rss: 0 };
  /** The lowest seq handed out (history goes below it): listings key on seq, oldest first. */
  private readonly seqFloor: Record<SimPlatform, number> = { mastodon: 1, bluesky: 1, reddit: 1, x: 1, rss: 1 };
  clockOffsetMs = 0;
  /** X's 403 on a text the brand already posted (SocialSimOptions.xRefusesDuplicates). */
  xRefusesDuplicates = true;
  /** The competitor and its own seeded generator: turning it on changes which brand a post names, nothing else. */
  private rival: { brand: Brand; share: number; both: number; rng: Rng } | null = null;

  constructor(
    readonly brand: Brand,
    private readonly corpus: Corpus,
    private readonly rng: Rng,
  ) {
    this.people = new SimAccounts(brand, rng, this.ids);
    this.brandAccounts = this.people.brand;
  }

  /**
   * Corpus posts (seeded, history, live stream; not `text` given through the control API, not RSS)
   * name the competitor instead of the brand at `share`, both brands at `bothShare`. Null: none (the default).
   */
  setCompetitor(c: SimCompetitor | null, rng: Rng): void {
    this.rival = c
      ? {
          brand: { handle: c.handle, name: c.name },
          share: Math.max(0, Math.min(c.share ?? 0.25, 1)),
          both: Math.max(0, Math.min(c.bothShare ?? 0.04, 1)),
          rng,
        }
      : null;
  }

  get competitor(): Brand | null {
    return this.rival?.brand ?? null;
  }

  private mentionsFor(platform: SimPlatform, c: PostBody): Mentions {
    if (!this.rival || platform === 'rss' || c.source === 'control') return 'brand';
    const r = this.rival.rng.next();
    return r < this.rival.share ? 'competitor' : r < this.rival.share + this.rival.both ? 'both' : 'brand';
  }

  /** The corpus text (brand already rewritten to the demo brand) naming the competitor instead, or besides. */
  private withCompetitor(text: string, who: Mentions): string {
    if (!this.rival || who === 'brand') return text;
    const { handle, name } = this.rival.brand;
    const at = new RegExp(`@${escapeRe(this.brand.handle)}\\b`, 'i');
    if (who === 'both') return at.test(text) ? text.replace(at, (m) => `${m} @${handle}`) : `${text} @${handle}`;
    const t = text
      .replace(new RegExp(`@${escapeRe(this.brand.handle)}\\b`, 'gi'), `@${handle}`)
      .replace(new RegExp(`#${escapeRe(this.brand.handle)}\\b`, 'gi'), `#${handle}`)
      .replace(new RegExp(escapeRe(this.brand.name), 'gi'), name)
      .replace(new RegExp(escapeRe(this.brand.handle), 'gi'), handle);
    return t.toLowerCase().includes(handle.toLowerCase()) ? t : `@${handle} ${t}`;
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

  /** An author by name, made up (seeded) on first use. */
  account(platform: SimPlatform, name: string): SimAccount {
    return this.people.account(platform, name);
  }

  /** A known account (authors seen so far and the brand) by platform id. */
  accountById(platform: SimPlatform, id: string): SimAccount | undefined {
    return this.people.byId(platform, id);
  }

  /** A known account by handle (case-insensitive; Mastodon also matches `user` of `user@domain`). */
  accountByHandle(platform: SimPlatform, handle: string): SimAccount | undefined {
    return this.people.byHandle(platform, handle);
  }

  randomName(): string {
    return this.people.randomName();
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
    const post = this.buildPost(platform, c, desiredCreated, o);
    this.insert(post);
    return post;
  }

  /**
   * Back-dated posts (`history.ts`), inserted as the OLDEST of each platform's timeline: seqs and
   * Mastodon notification ids below every existing one, ids from their own past times, so every
   * listing (newest first, `min_id`, `since`, `after`) sees them where their times put them.
   * `items` must be in ascending time order and older than every post already stored.
   */
  addHistory(
    items: ReadonlyArray<{ platform: SimPlatform; post: Pick<CorpusPost, 'text' | 'sentiment' | 'topic' | 'source'>; at: number; kind?: 't1' | 't3' }>,
  ): SimPost[] {
    const out: SimPost[] = [];
    for (const platform of SIM_PLATFORMS) {
      const mine = items.filter((i) => i.platform === platform);
      if (!mine.length) continue;
      this.seqFloor[platform] -= mine.length;
      const notificationIds = platform === 'mastodon' ? this.ids.mastodonNotificationsBelow(mine.length) : [];
      let lastMs = -Infinity;
      const built = mine.map((i, n) => {
        const at = Math.max(Math.floor(i.at), lastMs + 1);
        lastMs = at;
        return this.buildPost(platform, i.post, at, i.kind ? { kind: i.kind } : {}, { seq: this.seqFloor[platform] + n, notificationId: notificationIds[n] });
      });
      this.posts[platform] = [...built, ...this.posts[platform]];
      for (const p of built) this.byId.set(`${platform}|${p.id}`, p);
      out.push(...built);
    }
    this.touch();
    return out;
  }

  /** The oldest created time stored on any platform (null when empty). */
  oldestCreated(): number | null {
    let min: number | null = null;
    for (const p of SIM_PLATFORMS) {
      const first = this.posts[p][0];
      if (first && (min === null || first.createdAt < min)) min = first.createdAt;
    }
    return min;
  }

  /** Created and indexed times: live posts keep each platform's times increasing; history keeps its own. */
  private timesFor(platform: SimPlatform, desiredCreated: number, past: boolean): { createdAt: number; indexedAt: number } {
    if (past) {
      const createdAt = Math.floor(desiredCreated);
      return { createdAt, indexedAt: createdAt + 200 + this.rng.int(800) };
    }
    const createdAt = Math.max(Math.floor(desiredCreated), this.lastCreated[platform] + 1);
    this.lastCreated[platform] = createdAt;
    const indexedAt = Math.max(createdAt + 200 + this.rng.int(800), this.lastIndexed[platform] + 1);
    this.lastIndexed[platform] = indexedAt;
    return { createdAt, indexedAt };
  }

  private buildPost(platform: SimPlatform, c: PostBody, desiredCreated: number, o: SeedOptions, past?: PastSlot): SimPost {
    const { createdAt, indexedAt } = this.timesFor(platform, desiredCreated, past !== undefined);
    const author = this.account(platform, this.randomName());
    const who = this.mentionsFor(platform, c);
    let text = this.withCompetitor(c.text, who);
    const base = {
      platform,
      seq: past ? past.seq : ++this.seqs[platform],
      author,
      lang: o.lang === undefined ? 'en' : o.lang,
      createdAt,
      indexedAt,
      parent: null,
      root: null,
      byBrand: false,
      deleted: false,
      // A post naming only the competitor is no mention of the brand's accounts (notifications, mentions timelines,
      // Reddit's inbox); Reddit's search lists the submissions with this flag (not the support thread), and finds it.
      mentionsBrand: who !== 'competitor' || (platform === 'reddit' && o.kind !== 't1'),
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
        // Addressed to whom it names: the brand (a notification), the competitor, or both.
        const named = [...(who !== 'competitor' ? [this.brand.handle] : []), ...(who !== 'brand' && this.rival ? [this.rival.brand.handle] : [])];
        const first = named[0] as string;
        if (!new RegExp(`@${first}\\b`, 'i').test(text)) text = `@${first} ${text}`;
        const tags = [...new Set([...(text.match(/#(\w+)/g) ?? []).map((t) => t.slice(1).toLowerCase()), ...named.map((h) => h.toLowerCase())])];
        const id = past ? this.ids.mastodonStatusAt(createdAt) : this.ids.mastodonStatus(createdAt);
        post = { ...base, text, tags, id, notificationId: past?.notificationId ?? this.ids.mastodonNotification() };
        break;
      }
      case 'bluesky': {
        const rkey = past ? this.ids.tidAt(createdAt) : this.ids.tid(createdAt);
        const uri = `at://${author.id}/app.bsky.feed.post/${rkey}`;
        const record = { $type: 'app.bsky.feed.post', text, createdAt: new Date(createdAt).toISOString(), langs: base.lang ? [base.lang] : [] };
        post = { ...base, text, tags: [], id: uri, rkey, cid: cidFor(record), record };
        break;
      }
      case 'reddit': {
        const sub = o.subreddit ?? 'gadgets';
        if (o.kind === 't1') {
          const linkId = this.threadFor(sub);
          post = {
            ...base,
            text,
            tags: [],
            id: `t1_${this.ids.redditComment()}`,
            kind: 't1',
            subreddit: sub,
            linkId,
            parent: { id: linkId },
            root: { id: linkId },
          };
        } else {
          const title = text.length > 90 ? `${text.slice(0, 87).trimEnd()}...` : text;
          post = { ...base, text: text.length > 90 ? text : '', title, tags: [], id: `t3_${this.ids.redditPost()}`, kind: 't3', subreddit: sub };
        }
        break;
      }
      case 'x':
        post = { ...base, text, tags: [], id: past ? this.ids.xTweetAt(createdAt) : this.ids.xTweet(createdAt) };
        break;
      case 'rss': {
        const n = this.ids.feedItem();
        const title =
          text
            .replace(/@\w+\s*/g, '')
            .split(/(?<=[.!?])\s/)[0]
            ?.slice(0, 80) || `Post ${n}`;
        post = { ...base, text, title, tags: [], id: `https://blog.example.net/${author.handle}/posts/${n}` };
        break;
      }
    }
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
      platform: 'reddit',
      seq: this.nextSeq('reddit'),
      id: `t3_${this.ids.redditPost()}`,
      kind: 't3',
      subreddit: sub,
      title: 'Weekly support and questions thread',
      text: 'Ask your questions here.',
      author: this.account('reddit', 'AutoModerator'),
      lang: 'en',
      createdAt: t.createdAt,
      indexedAt: t.indexedAt,
      tags: [],
      parent: null,
      root: null,
      byBrand: false,
      deleted: false,
      mentionsBrand: false,
      likes: 12,
      reposts: 0,
      replies: 0,
      sentiment: null,
      topic: null,
      source: 'sim',
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
    return this.delete(
      platform,
      candidates.slice(0, count).map((p) => p.id),
    );
  }

  reset(): void {
    for (const p of SIM_PLATFORMS) {
      this.posts[p] = [];
      this.touch();
      this.seqs[p] = 0;
      this.seqFloor[p] = 1;
    }
    this.byId.clear();
    this.replies.length = 0;
    this.idempotency.clear();
    this.threads.clear();
  }
}
