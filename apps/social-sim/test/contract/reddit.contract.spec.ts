import { createRedditConnector } from '@earshot/connectors';
import { connectorContract } from './contract-suite.js';

connectorContract({
  platform: 'reddit',
  make: (o) => createRedditConnector(o),
  source: (sim) => ({
    sourceKey: 'reddit:search:acme',
    baseUrl: sim.baseUrls.reddit,
    credentials: {
      clientId: 'sim-client',
      clientSecret: 'sim-secret',
      username: 'acme_support',
      password: 'pw',
      userAgent: 'web:earshot-contract:0.1.0 (by /u/acme_support)',
    },
    stream: { kind: 'search', query: 'acme' },
    pageSize: 50,
  }),
  seed: (sim, count) => sim.control.seed({ platform: 'reddit', count, kind: 't3' }).map((p) => p.id),
  pollPath: '/search',
  writePath: '/api/comment',
  refreshes: true,
  exactlyOnce: 'reconcile',
  resetFromHeaders: (h, now) => (h['X-Ratelimit-Reset'] ? now + Number(h['X-Ratelimit-Reset']) * 1000 : null),
});
