import { PLATFORMS } from './core/connector.js';
import { CONNECTORS, createConnector, PLATFORM_STREAMS, validateSourceConfig } from './registry.js';

describe('registry', () => {
  it('has a connector and stream list for every platform', () => {
    for (const p of PLATFORMS) {
      expect(createConnector(p).platform).toBe(p);
      expect(CONNECTORS[p]).toBeDefined();
      expect(PLATFORM_STREAMS[p].length).toBeGreaterThan(0);
    }
  });
  it('validates a source config', () => {
    expect(validateSourceConfig('mastodon', { sourceKey: 'k', baseUrl: 'http://127.0.0.1:4100/mastodon', credentials: { accessToken: 't' }, stream: { kind: 'notifications' } })).toEqual([]);
    expect(validateSourceConfig('reddit', { sourceKey: 'k', baseUrl: 'ftp://x', credentials: {}, stream: { kind: 'hashtag' } })).toEqual([
      'Base URL must be http or https, got ftp:',
      'reddit has no stream "hashtag" (use search, subreddit)',
      'missing credential "clientId"',
      'missing credential "clientSecret"',
    ]);
  });
});
