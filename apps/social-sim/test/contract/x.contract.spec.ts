import { createXConnector } from '@earshot/connectors';
import { connectorContract } from './contract-suite.js';

connectorContract({
  platform: 'x',
  make: (o) => createXConnector(o),
  source: (sim) => ({
    sourceKey: 'x:search:acme',
    baseUrl: sim.baseUrls.x,
    credentials: { bearerToken: 'sim-app-token', userAccessToken: 'sim-user-token' },
    stream: { kind: 'search', query: '(acme OR @acme) -is:retweet' },
    pageSize: 50,
  }),
  seed: (sim, count) => sim.control.seed({ platform: 'x', count }).map((p) => p.id),
  pollPath: '/2/tweets/search/recent',
  writePath: '/2/tweets',
  refreshes: false,
  exactlyOnce: 'reconcile',
  resetFromHeaders: (h) => (h['x-rate-limit-reset'] ? Number(h['x-rate-limit-reset']) * 1000 : null),
});
