import { PLATFORM_CREDENTIALS, PLATFORM_STREAMS, PLATFORM_TABLE, PLATFORMS } from './platforms.js';
import { SourcePlatformSchema } from './source.schema.js';

describe('the platform table', () => {
  it('lists every platform the source schema accepts, once', () => {
    expect([...PLATFORMS]).toEqual(SourcePlatformSchema.options);
    expect(Object.keys(PLATFORM_TABLE).sort()).toEqual([...PLATFORMS].sort());
  });

  it.each(PLATFORMS)('%s: the stream and credential views are the table itself', (platform) => {
    expect(PLATFORM_STREAMS[platform]).toBe(PLATFORM_TABLE[platform].streams);
    expect(PLATFORM_CREDENTIALS[platform]).toBe(PLATFORM_TABLE[platform].credentials);
  });

  it.each(PLATFORMS)('%s: a stream that requires a query has a form field for it', (platform) => {
    for (const stream of PLATFORM_TABLE[platform].streams) if (stream.query === 'required') expect(stream.queryField).not.toBeNull();
  });
});
