import { PLATFORMS } from './core/connector.js';
import { CONNECTORS, createConnector, PLATFORM_STREAMS } from './registry.js';

describe('registry', () => {
  it('has a connector and stream list for every platform', () => {
    for (const p of PLATFORMS) {
      expect(createConnector(p).platform).toBe(p);
      expect(CONNECTORS[p]).toBeDefined();
      expect(PLATFORM_STREAMS[p].length).toBeGreaterThan(0);
    }
  });
});
