import type { LookupAddress } from 'node:dns';
import { Agent, fetch as undiciFetch } from 'undici';
import { startCanary, type CanaryServer } from '../../../test/utils/canary-server.js';
import { createGuardedFetch, OutboundRefusedError, type GuardedFetch, type Resolver } from './guarded-fetch.js';
import { assertPublicUrl } from './ssrf-guard.js';

const PUBLIC = '93.184.216.34';

/** A resolver that answers from a script, one answer per call, and counts the calls. */
function scripted(...answers: string[][]): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const r = (async (host: string): Promise<LookupAddress[]> => {
    calls.push(host);
    const a = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    return a.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  }) as Resolver & { calls: string[] };
  r.calls = calls;
  return r;
}

const refusal = (p: Promise<unknown>): Promise<OutboundRefusedError> =>
  p.then(
    () => {
      throw new Error('expected a refusal, the request succeeded');
    },
    (e: unknown) => {
      if (!(e instanceof OutboundRefusedError)) throw e;
      return e;
    },
  );

describe('guarded fetch', () => {
  let canary: CanaryServer;
  let allowedServer: CanaryServer;
  let guarded: GuardedFetch;
  let route: (path: string, res: import('node:http').ServerResponse) => void;

  beforeAll(async () => {
    canary = await startCanary();
    allowedServer = await startCanary((req, res) => route(req.url ?? '/', res));
    guarded = createGuardedFetch({
      allowedPrivateHosts: () => [`127.0.0.1:${allowedServer.port}`],
      maxBodyBytes: 1024 * 1024,
      resolve: scripted(['127.0.0.1']),
    });
  });
  afterAll(async () => {
    await guarded.close();
    await canary.close();
    await allowedServer.close();
  });
  beforeEach(() => {
    canary.hits.length = 0;
    route = (_p, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });

  it.each([
    ['127.0.0.1', (p: number) => `http://127.0.0.1:${p}/`],
    ['2130706433', (p: number) => `http://2130706433:${p}/`],
    ['127.1', (p: number) => `http://127.1:${p}/`],
    ['0x7f000001', (p: number) => `http://0x7f000001:${p}/`],
    ['0177.0.0.1', (p: number) => `http://0177.0.0.1:${p}/`],
    ['127.0.0.1.', (p: number) => `http://127.0.0.1.:${p}/`],
    ['%31%32%37.0.0.1', (p: number) => `http://%31%32%37.0.0.1:${p}/`],
    ['[::ffff:127.0.0.1]', (p: number) => `http://[::ffff:127.0.0.1]:${p}/`],
    ['[::ffff:7f00:1]', (p: number) => `http://[::ffff:7f00:1]:${p}/`],
    ['[0:0:0:0:0:ffff:7f00:1]', (p: number) => `http://[0:0:0:0:0:ffff:7f00:1]:${p}/`],
    ['[::1]', (p: number) => `http://[::1]:${p}/`],
    ['0.0.0.0', (p: number) => `http://0.0.0.0:${p}/`],
    ['[::]', (p: number) => `http://[::]:${p}/`],
    ['http://169.254.169.254/latest/meta-data/', () => 'http://169.254.169.254/latest/meta-data/'],
  ] as Array<[string, (p: number) => string]>)('refuses the literal address form %s, without connecting', async (_label, form) => {
    const e = await refusal(guarded(form(canary.port)));
    expect(e.reason).toBe('address');
    expect(canary.hits).toHaveLength(0);
  });

  it('refuses other schemes, user info and privileged ports', async () => {
    expect((await refusal(guarded('file:///etc/passwd'))).reason).toBe('address');
    expect((await refusal(guarded(`http://user:pw@127.0.0.1:${allowedServer.port}/`))).message).toMatch(/user name or password/);
    expect((await refusal(guarded('http://mail.example:25/'))).message).toMatch(/port 25/);
  });

  it('allows an allowlisted host:port and nothing else on that host', async () => {
    const res = await guarded(`http://127.0.0.1:${allowedServer.port}/x`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
    await refusal(guarded(`http://127.0.0.1:${canary.port}/x`));
    expect(canary.hits).toHaveLength(0);
  });

  it('refuses a name that resolves to a private address; the resolver is asked once', async () => {
    const resolve = scripted([PUBLIC, '127.0.0.1']);
    const g = createGuardedFetch({ allowedPrivateHosts: () => [], resolve });
    try {
      const e = await refusal(g(`http://mixed.test:${canary.port}/`));
      expect(e.message).toMatch(/mixed\.test resolves to a private or local address \(127\.0\.0\.1\)/);
      expect(resolve.calls).toEqual(['mixed.test']);
      expect(canary.hits).toHaveLength(0);
    } finally {
      await g.close();
    }
  });

  it.each([['::1'], ['::ffff:7f00:1'], ['::ffff:169.254.169.254'], ['fd00::1'], ['10.0.0.1', PUBLIC]])(
    'refuses a name whose answer holds %s',
    async (...answer) => {
      const g = createGuardedFetch({ allowedPrivateHosts: () => [], resolve: scripted(answer) });
      try {
        expect((await refusal(g(`http://name.test:${canary.port}/`))).reason).toBe('address');
      } finally {
        await g.close();
      }
    },
  );

  it('with the system resolver, localhost is refused', async () => {
    const g = createGuardedFetch({ allowedPrivateHosts: () => [] });
    try {
      expect((await refusal(g(`http://localhost:${canary.port}/`))).reason).toBe('address');
      expect(canary.hits).toHaveLength(0);
    } finally {
      await g.close();
    }
  });

  describe('DNS rebinding (a resolver answering public, then 127.0.0.1)', () => {
    it('check-then-fetch (the old way) resolves twice and reaches the canary', async () => {
      const resolve = scripted([PUBLIC], ['127.0.0.1']);
      const url = `http://rebind.test:${canary.port}/latest/meta-data/`;
      await assertPublicUrl(url, [], async (h) => (await resolve(h)).map((a) => a.address));
      const naive = new Agent({
        connect: {
          lookup: ((h: string, o: { all?: boolean }, cb: (e: Error | null, a: unknown, f?: number) => void) =>
            void resolve(h).then((a) => (o.all ? cb(null, a) : cb(null, a[0]!.address, a[0]!.family)))) as never,
        },
      });
      try {
        const res = await undiciFetch(url, { dispatcher: naive });
        await res.text();
      } finally {
        await naive.close();
      }
      expect(resolve.calls).toHaveLength(2);
      expect(canary.hits).toHaveLength(1);
    });

    it('the connection goes to the address that was checked: 127.0.0.1 (taken as public here) gets the request, 127.0.0.2 (the rebound answer) nothing', async () => {
      // Linux routes all of 127/8 to loopback: two servers on one port, one per address.
      const checked = await startCanary((_req, res) => res.writeHead(200).end('checked'));
      const rebound = await startCanary(undefined, { host: '127.0.0.2', port: checked.port });
      const resolve = scripted(['127.0.0.1'], ['127.0.0.2']);
      const g = createGuardedFetch({ allowedPrivateHosts: () => [], resolve, blockedAddress: (a) => a !== '127.0.0.1' });
      try {
        const res = await g(`http://rebind.test:${checked.port}/latest/meta-data/`);
        expect(await res.text()).toBe('checked');
        expect(resolve.calls).toEqual(['rebind.test']);
        expect(checked.hits).toHaveLength(1);
        expect(rebound.hits).toHaveLength(0);
      } finally {
        await g.close();
        await checked.close();
        await rebound.close();
      }
    });

    it('the guarded fetch resolves once and connects only to the address it checked', async () => {
      const resolve = scripted([PUBLIC], ['127.0.0.1']);
      const g = createGuardedFetch({ allowedPrivateHosts: () => [], resolve });
      try {
        // The checked (public) address is unreachable from here: the request fails or times out, it never reaches loopback.
        await expect(g(`http://rebind.test:${canary.port}/latest/meta-data/`, { signal: AbortSignal.timeout(1500) })).rejects.toBeDefined();
        expect(resolve.calls).toEqual(['rebind.test']);
        expect(canary.hits).toHaveLength(0);
      } finally {
        await g.close();
      }
    });

    it('a resolver answering 127.0.0.1 first is refused before any connection', async () => {
      const resolve = scripted(['127.0.0.1'], [PUBLIC]);
      const g = createGuardedFetch({ allowedPrivateHosts: () => [], resolve });
      try {
        expect((await refusal(g(`http://rebind.test:${canary.port}/`))).reason).toBe('address');
        expect(canary.hits).toHaveLength(0);
      } finally {
        await g.close();
      }
    });
  });

  it('refuses redirects (to loopback or anywhere) and never follows them', async () => {
    for (const status of [301, 302, 303, 307, 308]) {
      route = (_p, res) => res.writeHead(status, { location: `http://127.0.0.1:${canary.port}/latest/meta-data/` }).end();
      const e = await refusal(guarded(`http://127.0.0.1:${allowedServer.port}/feed`));
      expect(e).toMatchObject({ reason: 'redirect', status });
      expect(e.message).not.toContain(String(canary.port));
    }
    expect(canary.hits).toHaveLength(0);
  });

  it('passes 304 Not Modified through (a conditional GET, not a redirect)', async () => {
    route = (_p, res) => res.writeHead(304, { etag: '"a"' }).end();
    const res = await guarded(`http://127.0.0.1:${allowedServer.port}/feed`);
    expect(res.status).toBe(304);
    expect(res.headers.get('etag')).toBe('"a"');
  });

  it('caps a streamed body and aborts the download past the cap', async () => {
    let written = 0;
    let closedEarly = false;
    route = (_p, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      res.on('close', () => (closedEarly = written < 64 * 1024 * 1024));
      const pump = () => {
        while (written < 64 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    };
    const res = await guarded(`http://127.0.0.1:${allowedServer.port}/big`);
    const e = await refusal(res.text());
    expect(e).toMatchObject({ reason: 'body_too_large', message: 'response body over 1 MB, not read' });
    for (let i = 0; i < 100 && !closedEarly; i++) await new Promise((r) => setTimeout(r, 50));
    expect(closedEarly).toBe(true);
    expect(written).toBeLessThan(16 * 1024 * 1024);
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    route = (_p, res) => res.writeHead(200, { 'content-length': String(2 * 1024 * 1024) }).end(Buffer.alloc(2 * 1024 * 1024));
    expect((await refusal(guarded(`http://127.0.0.1:${allowedServer.port}/big`))).reason).toBe('body_too_large');
  });

  it('withMaxBodyBytes gives another cap on the same pools', async () => {
    route = (_p, res) => res.writeHead(200).end(Buffer.alloc(3000));
    expect((await guarded(`http://127.0.0.1:${allowedServer.port}/`).then((r) => r.arrayBuffer())).byteLength).toBe(3000);
    expect(
      (
        await refusal(
          guarded
            .withMaxBodyBytes(2000)(`http://127.0.0.1:${allowedServer.port}/`)
            .then((r) => r.arrayBuffer()),
        )
      ).reason,
    ).toBe('body_too_large');
  });
});
