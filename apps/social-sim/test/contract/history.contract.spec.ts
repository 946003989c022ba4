/**
 * Back-dated history (`POST /_control/history`): the rhythm and the incident are in the posts'
 * own timestamps, and our connectors, started from their "read everything" cursors, read every
 * history post through each platform's normal listing (newest first, min_id, since, after).
 */
import {
  createBlueskyConnector,
  createMastodonConnector,
  createRedditConnector,
  createXConnector,
  type Connector,
  type Mention,
  type SourceConfig,
} from '@earshot/connectors';
import { createSocialSim, type HistorySummary, type SimPlatform, type SocialSim } from '../../src/index.js';
import { drain } from './contract-suite.js';

const HOUR = 3_600_000;

function sources(sim: SocialSim): Array<{ platform: SimPlatform; connector: Connector<unknown>; source: SourceConfig; readAll: unknown }> {
  return [
    {
      platform: 'mastodon',
      connector: createMastodonConnector() as Connector<unknown>,
      source: { sourceKey: 'm', baseUrl: sim.baseUrls.mastodon, credentials: { accessToken: 't' }, stream: { kind: 'notifications' } },
      readAll: { minId: '0' },
    },
    {
      platform: 'bluesky',
      connector: createBlueskyConnector() as Connector<unknown>,
      source: {
        sourceKey: 'b',
        baseUrl: sim.baseUrls.bluesky,
        credentials: { identifier: 'acme.bsky.social', password: 'p' },
        stream: { kind: 'search', query: 'acme' },
      },
      readAll: { highWater: '1970-01-01T00:00:00.000Z' },
    },
    {
      platform: 'reddit',
      connector: createRedditConnector() as Connector<unknown>,
      source: {
        sourceKey: 'r',
        baseUrl: sim.baseUrls.reddit,
        credentials: { clientId: 'c', clientSecret: 's', username: 'acme_support', password: 'p' },
        stream: { kind: 'search', query: 'acme' },
      },
      readAll: { highWaterUtc: 0 },
    },
    {
      platform: 'x',
      connector: createXConnector() as Connector<unknown>,
      source: { sourceKey: 'x', baseUrl: sim.baseUrls.x, credentials: { bearerToken: 't' }, stream: { kind: 'search', query: 'acme' } },
      readAll: { sinceId: null },
    },
  ];
}

describe('social-sim history', () => {
  let sim: SocialSim;
  afterEach(async () => {
    await sim?.close();
  });

  it('is deterministic for a seed', async () => {
    const run = async (): Promise<{ summary: HistorySummary; ids: string[] }> => {
      const s = await createSocialSim({ seed: 5, evalDir: null });
      try {
        s.control.setClock(Date.parse('2026-12-01T12:00:00Z'));
        const summary = s.control.history({ days: 10, perDay: 40, seed: 9 });
        return { summary, ids: (['mastodon', 'bluesky', 'reddit', 'x'] as const).flatMap((p) => s.control.ids(p)) };
      } finally {
        await s.close();
      }
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    expect(a.summary.total).toBe(a.ids.length);
  });

  it('goes in as the oldest posts, and each connector reads all of it from its read-all cursor', async () => {
    sim = await createSocialSim({ seed: 7 });
    // Live posts first (as npm start's steady scenario makes them): the history must still land below them.
    const live = sim.control.seed({ platform: 'all', count: 5 });
    const summary = sim.control.history({ days: 30, perDay: 60, seed: 3, incident: { daysAgo: 10, hours: 3, multiplier: 8 } });
    expect(summary.total).toBeGreaterThan(1200);
    expect(summary.incident?.posts).toBeGreaterThan(40);
    const start = Date.parse(summary.from);
    const end = Date.parse(summary.to);
    expect(end - start).toBe(30 * 24 * HOUR);

    const all: Mention[] = [];
    for (const s of sources(sim)) {
      const expected = sim.control.ids(s.platform);
      const { mentions } = await drain(s.connector, s.source, s.readAll, 1000);
      const got = new Set(mentions.map((m) => m.externalId));
      // Every visible post, history and live, read through the normal listing.
      expect(expected.filter((id) => !got.has(id))).toEqual([]);
      expect(summary.byPlatform[s.platform] ?? 0).toBeGreaterThan(0);
      for (const p of live.filter((l) => l.platform === s.platform)) expect(got.has(p.id)).toBe(true);
      all.push(...mentions.filter((m) => Date.parse(m.createdAt) < end));
    }
    expect(all).toHaveLength(summary.total);
    // X's recent search covers 7 days: no X history is older.
    const x = all.filter((m) => m.platform === 'x').map((m) => Date.parse(m.createdAt));
    expect(Math.min(...x)).toBeGreaterThanOrEqual(end - 7 * 24 * HOUR);

    // Daily rhythm (UTC): nights are quiet, afternoons busy.
    const byHour = new Array<number>(24).fill(0);
    const incidentFrom = Date.parse(summary.incident!.from);
    const incidentTo = Date.parse(summary.incident!.to);
    const outsideIncident = all.filter((m) => {
      const t = Date.parse(m.createdAt);
      return t < incidentFrom || t >= incidentTo;
    });
    for (const m of outsideIncident) byHour[new Date(m.createdAt).getUTCHours()]!++;
    const night = byHour.slice(2, 6).reduce((a, b) => a + b, 0);
    const afternoon = byHour.slice(13, 17).reduce((a, b) => a + b, 0);
    expect(afternoon).toBeGreaterThan(night * 5);
    // Weekly rhythm: a weekend day has fewer posts than a weekday.
    const perDay = new Map<string, number>();
    for (const m of outsideIncident) perDay.set(m.createdAt.slice(0, 10), (perDay.get(m.createdAt.slice(0, 10)) ?? 0) + 1);
    const full = [...perDay.entries()].filter(([d]) => Date.parse(d) >= start + 24 * HOUR && Date.parse(d) + 24 * HOUR <= end);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const weekend = mean(full.filter(([d]) => [0, 6].includes(new Date(d).getUTCDay())).map(([, n]) => n));
    const weekday = mean(full.filter(([d]) => ![0, 6].includes(new Date(d).getUTCDay())).map(([, n]) => n));
    expect(weekend).toBeLessThan(weekday * 0.85);
    // The incident: its hours hold several times the usual volume of those hours.
    const inIncident = all.length - outsideIncident.length;
    const usual = (byHour.slice(13, 16).reduce((a, b) => a + b, 0) / 30) * 1;
    expect(inIncident).toBeGreaterThan(usual * 4);
  }, 60_000);

  it('POST /_control/history validates and answers with a summary', async () => {
    sim = await createSocialSim({ seed: 1, evalDir: null });
    const post = (body: unknown): Promise<Response> =>
      fetch(`${sim.url}/_control/history`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post({ days: 'x' })).status).toBe(400);
    expect((await post({ platforms: ['myspace'] })).status).toBe(400);
    const res = await post({ days: 3, perDay: 20, incident: null, platforms: ['mastodon'] });
    expect(res.status).toBe(201);
    const body = (await res.json()) as HistorySummary;
    expect(body.incident).toBeNull();
    expect(Object.keys(body.byPlatform)).toEqual(['mastodon']);
    expect(sim.control.ids('mastodon')).toHaveLength(body.total);
    const clock = await fetch(`${sim.url}/_control/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now: '2026-11-01T00:00:00Z' }),
    });
    expect(((await clock.json()) as { now: string }).now.slice(0, 16)).toBe('2026-11-01T00:00');
  });
});
