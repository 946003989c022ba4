import { jest } from '@jest/globals';

/** One answer of the fake api. */
export interface MockReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RecordedCall {
  method: string;
  path: string;
  /** The query string's parameters (`?status=new,open` -> get('status') === 'new,open'). */
  query: URLSearchParams;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

type Handler = MockReply | ((call: RecordedCall & { params: Record<string, string> }) => MockReply | Promise<MockReply>);

/** Routes keyed by "METHOD /path", where a path segment may be a `:param`. */
export type MockRoutes = Record<string, Handler>;

/** A small stand-in for fetch's Response: what the http client reads, and nothing else. */
class FakeResponse {
  readonly ok: boolean;
  readonly statusText = '';
  readonly headers: { get(name: string): string | null };
  constructor(
    readonly status: number,
    private readonly body: string,
    headers: Record<string, string>,
  ) {
    this.ok = status >= 200 && status < 300;
    const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    this.headers = { get: (name) => lower.get(name.toLowerCase()) ?? null };
  }
  text(): Promise<string> {
    return Promise.resolve(this.body);
  }
  json(): Promise<unknown> {
    return Promise.resolve(JSON.parse(this.body));
  }
}

function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(g);
    else if (w !== g) return null;
  }
  return params;
}

/**
 * What every signed-in page asks for besides its own data, answered unless a test gives its
 * own answer: the alert banner's catch-up (no alerts).
 */
const SHELL_ROUTES: MockRoutes = {
  'GET /api/alerts': { status: 200, body: { alerts: [], seq: 0, hasMore: false } },
};

/**
 * Replaces `fetch` with a fake api for one test. Calls with no route answer 501 and are
 * listed in `unhandled`, so a test that forgot a route fails instead of passing quietly.
 */
export function mockApi(pageRoutes: MockRoutes) {
  const routes: MockRoutes = { ...SHELL_ROUTES, ...pageRoutes };
  const calls: RecordedCall[] = [];
  const unhandled: string[] = [];
  const original = globalThis.fetch;

  const fetchMock = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const call: RecordedCall = { method, path: url.pathname, query: url.searchParams, body, credentials: init?.credentials };
    calls.push(call);

    for (const [key, handler] of Object.entries(routes)) {
      const [routeMethod, routePath] = key.split(' ');
      if (routeMethod !== method || !routePath) continue;
      const params = match(routePath, url.pathname);
      if (!params) continue;
      const reply = typeof handler === 'function' ? await handler({ ...call, params }) : handler;
      const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
      return new FakeResponse(reply.status, text, reply.headers ?? {}) as unknown as Response;
    }
    unhandled.push(`${method} ${url.pathname}`);
    return new FakeResponse(
      501,
      JSON.stringify({ statusCode: 501, error: 'Not Mocked', message: `No mock for ${method} ${url.pathname}` }),
      {},
    ) as unknown as Response;
  });

  globalThis.fetch = fetchMock as typeof fetch;

  return {
    calls,
    unhandled,
    /** The calls made to one route, e.g. `callsTo('POST /api/users')`. */
    callsTo(key: string): RecordedCall[] {
      const [method, path] = key.split(' ');
      return calls.filter((c) => c.method === method && path !== undefined && match(path, c.path) !== null);
    },
    restore() {
      globalThis.fetch = original;
    },
  };
}

export type MockApi = ReturnType<typeof mockApi>;

/** Standard api error bodies. */
export function apiError(statusCode: number, error: string, message: string, issues?: { path: string; message: string }[]): MockReply {
  return { status: statusCode, body: { statusCode, error, message, ...(issues ? { issues } : {}) } };
}
