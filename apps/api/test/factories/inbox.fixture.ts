import type { Role } from '@earshot/contracts';
import type { Mention as PlatformMention } from '@earshot/connectors';
import request from 'supertest';
import { IngestService } from '../../src/modules/ingest/ingest.service.js';
import type { TestApp } from '../utils/create-test-app.js';
import { MentionFactory } from './mention.factory.js';
import { WorkspaceFactory, loginAs, type SeededUser } from './user.factory.js';

/**
 * A workspace ready for inbox tests: one signed-in user per role, a brand with a listening
 * query matching "acme", and a source whose pages are stored through the real IngestService
 * (matching, scoring, change sequence, SLA, post-commit events).
 */
export class InboxFixture {
  private constructor(
    private readonly t: TestApp,
    readonly workspaceId: string,
    readonly users: Record<Role, SeededUser>,
    readonly cookies: Record<Role, string>,
    readonly sourceId: string,
  ) {}

  static async create(t: TestApp, name: string): Promise<InboxFixture> {
    const ws = await WorkspaceFactory.create(t, name);
    const users = await WorkspaceFactory.withAllRoles(t, ws.id);
    const cookies = {} as Record<Role, string>;
    for (const r of Object.keys(users) as Role[]) cookies[r] = await loginAs(t, users[r].email);
    const brand = await request(t.server)
      .post('/api/brands')
      .set('Cookie', cookies.admin)
      .send({ name: 'Acme', handles: ['@acme'] })
      .expect(201);
    await request(t.server)
      .post('/api/listening-queries')
      .set('Cookie', cookies.admin)
      .send({ brandId: brand.body.id, name: 'Acme', query: 'acme', topic: 'support' })
      .expect(201);
    const src = await request(t.server)
      .post('/api/sources')
      .set('Cookie', cookies.admin)
      .send({
        name: 'Mastodon',
        platform: 'mastodon',
        baseUrl: 'http://127.0.0.1:9',
        streamKind: 'notifications',
        enabled: false,
        credentials: { accessToken: 'token-value' },
      })
      .expect(201);
    return new InboxFixture(t, ws.id, users, cookies, src.body.id as string);
  }

  /** Stores one page of posts (texts or built platform mentions); returns the new mention ids in page order. */
  async store(posts: Array<string | PlatformMention>): Promise<string[]> {
    const mentions = posts.map((p) => (typeof p === 'string' ? MentionFactory.from({ text: p }).build() : p));
    const rows = (await this.t.dataSource.query(
      `UPDATE source SET lease_token = gen_random_uuid(), leased_until = now() + interval '1 minute' WHERE id = $1 RETURNING lease_token`,
      [this.sourceId],
    )) as unknown;
    const list = (Array.isArray((rows as unknown[])[0]) ? (rows as unknown[][])[0] : rows) as Array<{ lease_token: string }>;
    await this.t.app
      .get(IngestService)
      .storePage(
        { id: this.sourceId, workspaceId: this.workspaceId, platform: 'mastodon', leaseToken: list[0]!.lease_token },
        { mentions, nextCursor: null, more: false, rateLimit: null },
      );
    const byExt = (await this.t.dataSource.query(`SELECT id, external_id FROM mention WHERE workspace_id = $1 AND external_id = ANY($2::text[])`, [
      this.workspaceId,
      mentions.map((m) => m.externalId),
    ])) as Array<{ id: string; external_id: string }>;
    const ids = new Map(byExt.map((r) => [r.external_id, r.id]));
    return mentions.map((m) => ids.get(m.externalId)!).filter(Boolean);
  }
}
