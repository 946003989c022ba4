import { ConnectorError } from './connector.js';
import { classifyHttpFailure, HttpClient, RequestRefusedError } from './http-client.js';

const CANARY = 'CANARY-7f3a secret body text';

/** A response whose body arrives in `chunks` pieces of `size` bytes, counting how many were pulled. */
function streamed(size: number, chunks: number, status = 200): { res: Response; pulled: () => number } {
  let n = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      if (n >= chunks) return c.close();
      n++;
      c.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
  return { res: new Response(body, { status }), pulled: () => n };
}

describe('HttpClient: remote text never reaches a message', () => {
  it.each([
    ['rss', 404, CANARY],
    ['mastodon', 401, JSON.stringify({ error: CANARY, error_description: CANARY })],
    ['x', 403, JSON.stringify({ title: CANARY, detail: CANARY })],
    ['reddit', 500, `<html>${CANARY}</html>`],
    ['bluesky', 400, JSON.stringify({ error: 'InvalidRequest', message: CANARY })],
  ] as const)('%s %i: status and our words only; the body stays in .body', async (platform, status, body) => {
    const c = new HttpClient({ fetch: () => Promise.resolve(new Response(body, { status })) });
    const err = (await c.text({ platform, url: 'https://example.test/feed' }).catch((e: unknown) => e)) as ConnectorError & { body: string };
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err.message).toContain(String(status));
    expect(err.message).not.toMatch(/CANARY/);
    expect(err.body).toContain('CANARY');
  });

  it('a redirect is an error naming no Location', () => {
    const err = classifyHttpFailure('rss', 302, new Headers({ location: 'http://169.254.169.254/CANARY' }), '', Date.now());
    expect(err.failure).toBe('bad_request');
    expect(err.message).toBe('rss 302: redirect (redirects are not followed)');
  });

  it('keeps a token-like platform error code, never free text in it', () => {
    expect(classifyHttpFailure('bluesky', 400, new Headers(), '{"error":"ExpiredToken","message":"x"}').errorCode).toBe('ExpiredToken');
    expect(classifyHttpFailure('bluesky', 400, new Headers(), JSON.stringify({ error: `<b>${CANARY}</b>` })).errorCode).toBeNull();
  });
});

describe('HttpClient: body cap', () => {
  it('refuses a body over maxBodyBytes while streaming and stops reading', async () => {
    const s = streamed(64 * 1024, 1000); // would be 64 MB
    const c = new HttpClient({ maxBodyBytes: 1024 * 1024, fetch: () => Promise.resolve(s.res) });
    const err = (await c.text({ platform: 'rss', url: 'https://example.test/feed' }).catch((e: unknown) => e)) as ConnectorError;
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err.failure).toBe('bad_request');
    expect(err.message).toMatch(/rss: response body over 1 MB/);
    expect(s.pulled()).toBeLessThanOrEqual(18);
  });

  it('refuses at once when Content-Length already says too much', async () => {
    let read = false;
    const body = new ReadableStream(
      {
        pull: () => {
          read = true;
        },
      },
      { highWaterMark: 0 },
    );
    const c = new HttpClient({ maxBodyBytes: 1000, fetch: () => Promise.resolve(new Response(body, { headers: { 'content-length': '5000' } })) });
    await expect(c.text({ platform: 'x', url: 'https://example.test/x' })).rejects.toMatchObject({
      failure: 'bad_request',
      message: expect.stringMatching(/over 1 KB/) as unknown,
    });
    expect(read).toBe(false);
  });

  it('reads a body at the cap', async () => {
    const s = streamed(1024, 4);
    const c = new HttpClient({ maxBodyBytes: 4096, fetch: () => Promise.resolve(s.res) });
    expect((await c.text({ platform: 'rss', url: 'https://example.test/feed' })).data).toHaveLength(4096);
  });

  it('an error response larger than the cap is still classified by its status', async () => {
    const s = streamed(64 * 1024, 100, 503);
    const c = new HttpClient({ maxBodyBytes: 100 * 1024, fetch: () => Promise.resolve(s.res) });
    await expect(c.text({ platform: 'mastodon', url: 'https://example.test/x' })).rejects.toMatchObject({ failure: 'retry', status: 503 });
  });
});

describe('HttpClient: refusals of an injected fetch', () => {
  it('a RequestRefusedError (also wrapped as undici does) becomes a bad_request with its words', async () => {
    const refusal = new RequestRefusedError('the address 127.0.0.1 is private or local', 'address');
    for (const thrown of [refusal, new TypeError('fetch failed', { cause: refusal })]) {
      const c = new HttpClient({ fetch: () => Promise.reject(thrown) });
      await expect(c.text({ platform: 'rss', url: 'http://127.0.0.1:9999/' })).rejects.toMatchObject({
        failure: 'bad_request',
        message: 'rss: request refused: the address 127.0.0.1 is private or local',
      });
    }
  });
});

describe('HttpClient: deadline and the caller signal', () => {
  /** A fetch that never answers until its signal aborts (like a server that hangs). */
  const hanging = (): ((input: string, init: RequestInit) => Promise<Response>) => (_input, init) =>
    new Promise((_resolve, reject) => {
      init.signal?.addEventListener('abort', () => reject(init.signal?.reason ?? new Error('aborted')), { once: true });
    });

  it('gives up after the deadline with a disconnect that names it', async () => {
    const client = new HttpClient({ fetch: hanging(), timeoutMs: 50 });
    const err = await client.text({ platform: 'mastodon', url: 'https://m.example/api/v1/x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as ConnectorError).failure).toBe('disconnect');
    expect((err as ConnectorError).message).toBe('mastodon: no complete response within 50 ms');
  });

  it("stops when the caller's signal aborts (shutdown), before the deadline", async () => {
    const shutdown = new AbortController();
    const client = new HttpClient({ fetch: hanging(), timeoutMs: 60_000 });
    const pending = client.text({ platform: 'x', url: 'https://x.example/2/tweets', signal: shutdown.signal }).catch((e: unknown) => e);
    shutdown.abort();
    const err = (await pending) as ConnectorError;
    expect(err.failure).toBe('disconnect');
    expect(err.message).toBe('x: request aborted');
  });

  it("leaves no listener on the caller's long-lived signal once a request settles", async () => {
    const shutdown = new AbortController();
    let listeners = 0;
    const add = shutdown.signal.addEventListener.bind(shutdown.signal);
    const remove = shutdown.signal.removeEventListener.bind(shutdown.signal);
    shutdown.signal.addEventListener = ((...args: Parameters<AbortSignal['addEventListener']>) => {
      listeners++;
      add(...args);
    }) as AbortSignal['addEventListener'];
    shutdown.signal.removeEventListener = ((...args: Parameters<AbortSignal['removeEventListener']>) => {
      listeners--;
      remove(...args);
    }) as AbortSignal['removeEventListener'];
    const client = new HttpClient({ fetch: async () => new Response('{}', { status: 200 }) });
    for (let i = 0; i < 100; i++) await client.json({ platform: 'bluesky', url: 'https://b.example/xrpc/x', signal: shutdown.signal });
    expect(listeners).toBe(0);
  });
});
