import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { Platform } from '@earshot/contracts';
import type { SocialSim } from '@earshot/social-sim';
import { PollerService } from '../../src/modules/ingest/poller.service.js';
import type { TestApp } from './create-test-app.js';

/** The platforms a reply can be posted to (feeds cannot be answered). */
export type SenderPlatform = Exclude<Platform, 'rss'>;

export interface SimSourceSpec {
  streamKind: string;
  streamQuery?: string;
  credentials: Record<string, string>;
  /** The path of the platform's reply write in the simulator (for faults on it). */
  replyPath: string;
}

/** One source per platform that can post replies to the simulator; Reddit's credentials differ per spec, so they are passed in. */
export function simReplySources(reddit: Record<string, string>): Record<SenderPlatform, SimSourceSpec> {
  return {
    mastodon: { streamKind: 'notifications', credentials: { accessToken: 'tok-m' }, replyPath: '/api/v1/statuses' },
    bluesky: { streamKind: 'search', streamQuery: 'acme', credentials: { identifier: 'acme.bsky.social', password: 'app-pass' }, replyPath: 'putRecord' },
    reddit: { streamKind: 'search', streamQuery: 'acme', credentials: reddit, replyPath: '/api/comment' },
    x: { streamKind: 'search', streamQuery: 'acme', credentials: { bearerToken: 'bearer', userAccessToken: 'user-tok' }, replyPath: '/2/tweets' },
  };
}

/** Creates the sources through the API as an admin; returns their ids by platform. */
export async function createSimSources(
  t: TestApp,
  sim: SocialSim,
  adminCookie: string,
  specs: Record<SenderPlatform, SimSourceSpec>,
): Promise<Record<SenderPlatform, string>> {
  const ids = {} as Record<SenderPlatform, string>;
  for (const [platform, s] of Object.entries(specs) as Array<[SenderPlatform, SimSourceSpec]>) {
    const res = await request(t.server)
      .post('/api/sources')
      .set('Cookie', adminCookie)
      .send({ name: platform, platform, baseUrl: `${sim.url}/${platform}`, streamKind: s.streamKind, streamQuery: s.streamQuery, credentials: s.credentials })
      .expect(201);
    ids[platform] = res.body.id as string;
  }
  return ids;
}

/** Seeds a post mentioning acme on the platform, polls it in through its source, and returns the stored mention (id + external id). */
export async function pollInMention(
  t: TestApp,
  sim: SocialSim,
  workspaceId: string,
  platform: SenderPlatform,
  sourceId: string,
): Promise<{ id: string; externalId: string }> {
  const [post] = sim.control.seed({ platform, count: 1, text: `acme my order ${randomBytes(3).toString('hex')} never arrived, what now?` });
  await t.dataSource.query(`UPDATE source SET next_poll_at = now() - interval '1 second', cursor = NULL WHERE id = $1`, [sourceId]);
  const [outcome] = await t.app.get(PollerService).runDue();
  expect({ platform, error: outcome?.error ?? null }).toEqual({ platform, error: null });
  const rows = (await t.dataSource.query(`SELECT id, external_id FROM mention WHERE workspace_id = $1 AND platform = $2 AND external_id = $3`, [
    workspaceId,
    platform,
    post!.id,
  ])) as Array<{ id: string; external_id: string }>;
  expect({ platform, stored: rows.length }).toEqual({ platform, stored: 1 });
  return { id: rows[0]!.id, externalId: rows[0]!.external_id };
}

/** The simulator's posts that answer one external post (exactly one means exactly once). */
export const postsAnswering = (sim: SocialSim, platform: SenderPlatform, externalId: string) =>
  sim.control.replies(platform).filter((r) => r.inReplyTo === externalId);
