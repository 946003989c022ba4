import { createMastodonConnector } from '@earshot/connectors';
import { connectorContract } from './contract-suite.js';

connectorContract({
  platform: 'mastodon',
  make: (o) => createMastodonConnector(o),
  source: (sim) => ({
    sourceKey: 'mastodon:notifications',
    baseUrl: sim.baseUrls.mastodon,
    credentials: { accessToken: 'sim-user-token' },
    stream: { kind: 'notifications' },
    pageSize: 40,
  }),
  seed: (sim, count) => sim.control.seed({ platform: 'mastodon', count }).map((p) => p.id),
  pollPath: '/api/v1/notifications',
  writePath: '/api/v1/statuses',
  refreshes: false,
  exactlyOnce: 'idempotency-key',
  resetFromHeaders: (h) => (h['X-RateLimit-Reset'] ? Date.parse(h['X-RateLimit-Reset']) : null),
});
