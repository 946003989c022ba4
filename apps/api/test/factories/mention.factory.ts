import type { Mention } from '@earshot/connectors';
import { randomBytes } from 'node:crypto';

let n = 0;

/** Builds a normalised platform mention (what a connector returns). */
export class MentionFactory {
  private constructor(private readonly m: Mention) {}

  static from(over: Partial<Mention> & { text?: string } = {}): MentionFactory {
    n++;
    const id = over.externalId ?? `${Date.now()}${n}${randomBytes(2).toString('hex')}`;
    return new MentionFactory({
      platform: 'mastodon',
      externalId: id,
      sourceKey: 'test',
      url: `https://mastodon.example/@someone/${id}`,
      author: {
        externalId: `a${n % 7}`,
        handle: `someone${n % 7}@mastodon.example`,
        displayName: 'Someone',
        followers: 100 * n,
        avatarUrl: null,
        verified: false,
        bot: false,
      },
      text: 'hello @acme my order never arrived',
      lang: 'en',
      createdAt: new Date(Date.now() - 60_000).toISOString(),
      editedAt: null,
      thread: { rootId: null, parentId: null },
      engagement: { replies: 0, reposts: 0, likes: 1 },
      replyTarget: { platform: 'mastodon', statusId: id, acct: 'someone', visibility: 'public' },
      raw: { id },
      ...over,
    });
  }

  build(): Mention {
    return this.m;
  }
}
