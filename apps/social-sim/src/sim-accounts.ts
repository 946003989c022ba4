import { didFor, type IdFactory } from './ids.js';
import type { Rng } from './rng.js';
import type { Brand } from './data/corpus.js';
import type { SimAccount, SimPlatform } from './sim-model.js';

const FIRST = [
  'jane',
  'sam',
  'alex',
  'priya',
  'li',
  'marco',
  'fatima',
  'tom',
  'ana',
  'kenji',
  'olu',
  'maria',
  'noah',
  'ines',
  'yusuf',
  'chloe',
  'dev',
  'hana',
  'luca',
  'mo',
  'sofia',
  'ben',
  'aiko',
  'raj',
];
const LAST = ['travels', 'codes', 'reads', 'k', 'b', 'the_great', 'writes', 'pdx', 'nyc', 'ldn', 'in_sf', 'runs', 'cooks', 'makes', '_', 'x'];
const MASTO_DOMAINS = ['mastodon.social', 'chaos.social', 'fosstodon.org', 'hachyderm.io', null];

/** The brand's account on each platform, and the authors made up (seeded) as posts are added. */
export class SimAccounts {
  readonly brand: Record<SimPlatform, SimAccount>;
  private readonly known = new Map<string, SimAccount>();

  constructor(
    brand: Brand,
    private readonly rng: Rng,
    private readonly ids: IdFactory,
  ) {
    this.brand = {
      mastodon: {
        platform: 'mastodon',
        id: '14715',
        handle: brand.handle,
        displayName: brand.name,
        followers: 48210,
        avatar: 'https://files.mastodon.example/accounts/avatars/acme.png',
        bot: false,
      },
      bluesky: {
        platform: 'bluesky',
        id: didFor(brand.handle),
        handle: `${brand.handle}.bsky.social`,
        displayName: brand.name,
        followers: 21877,
        avatar: 'https://cdn.bsky.app/img/avatar/plain/acme@jpeg',
        bot: false,
      },
      reddit: {
        platform: 'reddit',
        id: 't2_acme01',
        handle: `${brand.handle}_support`,
        displayName: `${brand.name} Support`,
        followers: 0,
        avatar: '',
        bot: false,
      },
      x: {
        platform: 'x',
        id: '783214',
        handle: brand.handle,
        displayName: brand.name,
        followers: 1204331,
        avatar: 'https://pbs.twimg.com/profile_images/acme_normal.jpg',
        bot: false,
      },
      rss: { platform: 'rss', id: brand.handle, handle: brand.handle, displayName: brand.name, followers: 0, avatar: '', bot: false },
    };
  }

  /** An author by name, made up on first use (followers, Mastodon domain drawn from the seeded RNG). */
  account(platform: SimPlatform, name: string): SimAccount {
    const key = `${platform}|${name}`;
    const existing = this.known.get(key);
    if (existing) return existing;
    const followers = this.rng.next() < 0.03 ? 20_000 + this.rng.int(400_000) : Math.floor(Math.exp(this.rng.next() * 8.5));
    const display =
      name
        .replace(/[_\d]+/g, ' ')
        .trim()
        .replace(/\b\w/g, (c) => c.toUpperCase()) || name;
    let acc: SimAccount;
    switch (platform) {
      case 'mastodon': {
        const domain = this.rng.pick(MASTO_DOMAINS);
        acc = {
          platform,
          id: this.ids.accountId(),
          handle: domain ? `${name}@${domain}` : name,
          displayName: display,
          followers,
          avatar: `https://files.mastodon.example/avatars/${name}.png`,
          bot: false,
        };
        break;
      }
      case 'bluesky':
        acc = {
          platform,
          id: didFor(name),
          handle: `${name.replace(/_/g, '-')}.bsky.social`,
          displayName: display,
          followers,
          avatar: `https://cdn.bsky.app/img/avatar/plain/${didFor(name)}/bafkrei${name}@jpeg`,
          bot: false,
        };
        break;
      case 'reddit':
        acc = { platform, id: `t2_${(100000 + this.known.size * 7919).toString(36)}`, handle: name, displayName: name, followers: 0, avatar: '', bot: false };
        break;
      case 'x':
        acc = {
          platform,
          id: String(1_400_000_000 + this.known.size * 7_331),
          handle: name,
          displayName: display,
          followers,
          avatar: `https://pbs.twimg.com/profile_images/${name}_normal.jpg`,
          bot: false,
        };
        break;
      case 'rss':
        acc = { platform, id: name, handle: name, displayName: display, followers: 0, avatar: '', bot: false };
        break;
    }
    this.known.set(key, acc);
    return acc;
  }

  /** A known account (authors seen so far and the brand) by platform id. */
  byId(platform: SimPlatform, id: string): SimAccount | undefined {
    if (this.brand[platform].id === id) return this.brand[platform];
    for (const a of this.known.values()) if (a.platform === platform && a.id === id) return a;
    return undefined;
  }

  /** A known account by handle (case-insensitive; Mastodon also matches `user` of `user@domain`). */
  byHandle(platform: SimPlatform, handle: string): SimAccount | undefined {
    const h = handle.replace(/^@/, '').toLowerCase();
    const brand = this.brand[platform];
    if (brand.handle.toLowerCase() === h) return brand;
    for (const a of this.known.values()) if (a.platform === platform && a.handle.toLowerCase() === h) return a;
    return undefined;
  }

  randomName(): string {
    return `${this.rng.pick(FIRST)}${this.rng.pick(LAST)}${this.rng.next() < 0.5 ? this.rng.int(100) : ''}`;
  }
}
