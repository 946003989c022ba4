import { PLATFORM_STREAMS, type SourcePlatform } from '@earshot/contracts';
import { PLATFORM_INFO } from '../source-platforms';

describe('the source form offers what the api and connectors accept', () => {
  it.each(Object.keys(PLATFORM_INFO) as SourcePlatform[])('%s: same stream kinds, and a query field wherever one is required', (platform) => {
    const shared = PLATFORM_STREAMS[platform];
    expect(PLATFORM_INFO[platform].streams.map((s) => s.kind).sort()).toEqual(shared.map((s) => s.kind).sort());
    for (const spec of shared) {
      const ui = PLATFORM_INFO[platform].streams.find((s) => s.kind === spec.kind)!;
      if (spec.query === 'required') expect(ui.query).not.toBeNull();
    }
  });
});
