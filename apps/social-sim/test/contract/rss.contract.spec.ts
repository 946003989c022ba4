import { createRssConnector } from '@earshot/connectors';
import { connectorContract } from './contract-suite.js';

connectorContract({
  platform: 'rss',
  make: (o) => createRssConnector(o),
  source: (sim) => ({ sourceKey: 'rss:blogs', baseUrl: sim.baseUrls.rss, credentials: {}, stream: { kind: 'feed', query: 'feed.xml' } }),
  seed: (sim, count) => sim.control.seed({ platform: 'rss', count }).map((p) => p.id),
  pollPath: '/feed.xml',
  writePath: null,
  refreshes: false,
  exactlyOnce: 'none',
  resetFromHeaders: () => null,
  maxBacklog: 30,
});
