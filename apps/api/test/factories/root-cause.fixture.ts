import type { SentimentLabel } from '@earshot/contracts';
import { MentionFactory } from './mention.factory.js';
import { InboxFixture } from './inbox.fixture.js';
import type { TestApp } from '../utils/create-test-app.js';

/** One mention of the board's fixture: who, which day (UTC), and the scores the board reads. */
export interface BoardMention {
  author: string;
  followers?: number;
  /** `YYYY-MM-DD`; posted at noon UTC unless `hour` says otherwise. */
  day: string;
  hour?: number;
  category?: string | null;
  intent?: string;
  label?: SentimentLabel;
  score?: number;
  urgency?: number;
  text?: string;
  spam?: boolean;
}

/**
 * A workspace (InboxFixture: users per role, a brand, a Mastodon source) whose mentions are stored
 * through the real ingest and then given exactly the day, intent, category, sentiment and urgency
 * a test states, so the board's figures can be computed by hand.
 */
export class RootCauseFixture {
  private constructor(
    private readonly t: TestApp,
    readonly inbox: InboxFixture,
  ) {}

  static async create(t: TestApp, name: string): Promise<RootCauseFixture> {
    return new RootCauseFixture(t, await InboxFixture.create(t, name));
  }

  get workspaceId(): string {
    return this.inbox.workspaceId;
  }

  /** Stores the mentions; returns their ids in order. */
  async add(list: BoardMention[]): Promise<string[]> {
    const built = list.map((m, i) =>
      MentionFactory.from({
        text: m.text ?? `@acme complaint ${i} about ${m.category ?? 'things'} from ${m.author}`,
        author: {
          externalId: `author-${m.author}`,
          handle: `${m.author.toLowerCase()}@mastodon.example`,
          displayName: m.author,
          followers: m.followers ?? 0,
          avatarUrl: null,
          verified: false,
          bot: false,
        },
      }).build(),
    );
    const ids = await this.inbox.store(built);
    if (ids.length !== list.length) throw new Error(`stored ${ids.length} of ${list.length} fixture mentions (does each text match "acme"?)`);
    for (const [i, m] of list.entries()) {
      await this.t.dataSource.query(
        `UPDATE mention SET posted_at = $2::timestamptz, intent = $3, category = $4, sentiment_label = $5, sentiment_score = $6, urgency_score = $7, spam = $8
          WHERE id = $1 AND workspace_id = $9`,
        [
          ids[i],
          `${m.day}T${String(m.hour ?? 12).padStart(2, '0')}:00:00Z`,
          m.intent ?? 'complaint',
          m.category === undefined ? null : m.category,
          m.label ?? 'negative',
          m.score ?? (m.label === 'positive' ? 0.5 : m.label === 'neutral' ? 0 : -0.6),
          m.urgency ?? 50,
          m.spam ?? false,
          this.workspaceId,
        ],
      );
    }
    return ids;
  }
}
