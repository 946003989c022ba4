import { createBlueskyConnector } from '@earshot/connectors';
import { connectorContract } from './contract-suite.js';

connectorContract({
  platform: 'bluesky',
  make: (o) => createBlueskyConnector(o),
  source: (sim) => ({
    sourceKey: 'bluesky:search:acme',
    baseUrl: sim.baseUrls.bluesky,
    credentials: { identifier: 'acme.bsky.social', password: 'app-password' },
    stream: { kind: 'search', query: 'acme' },
    pageSize: 50,
  }),
  seed: (sim, count) => sim.control.seed({ platform: 'bluesky', count }).map((p) => p.id),
  pollPath: '/xrpc/app.bsky.feed.searchPosts',
  writePath: '/xrpc/com.atproto.repo.putRecord',
  refreshes: true,
  exactlyOnce: 'idempotency-key',
  resetFromHeaders: (h) => (h['RateLimit-Reset'] ? Number(h['RateLimit-Reset']) * 1000 : null),
});
