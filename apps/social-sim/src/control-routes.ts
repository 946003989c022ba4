import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultSpec } from './faults.js';
import { readBody, send } from './http-io.js';
import { LOG_CAP } from './request-log.js';
import { SCENARIOS, type ScenarioOptions } from './scenario.js';
import type { SimControl } from './sim-control.js';
import { SIM_PLATFORMS, type SeedOptions, type SimPlatform } from './sim-model.js';

/** `/_control/*` over HTTP: reads the JSON body (an object, else ignored) and answers from the control surface. */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: URLSearchParams,
  control: SimControl,
  nowIso: () => string,
): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const raw = await readBody(req);
  let body: Record<string, unknown> = {};
  if (raw) {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  }
  const p = path.replace(/\/+$/, '') || '/_control';
  const r = routeControl(method, p, query, body, control, nowIso);
  send(res, null, r);
}

const platformParam = (v: unknown): SimPlatform | undefined =>
  typeof v === 'string' && (SIM_PLATFORMS as readonly string[]).includes(v) ? (v as SimPlatform) : undefined;

interface Reply {
  status: number;
  body: unknown;
}
const ok = (body: unknown, status = 200): Reply => ({ status, body });

/**
 * One branch per control endpoint; a flat table of method + path reads better than nested
 * helpers, so it stays one function (each branch is a line or three).
 */
function routeControl(method: string, p: string, query: URLSearchParams, body: Record<string, unknown>, control: SimControl, nowIso: () => string): Reply {
  if (method === 'GET' && (p === '/_control' || p === '/_control/state')) return ok(control.state());
  if (method === 'POST' && p === '/_control/posts') return ok({ posts: control.seed(body as SeedOptions) }, 201);
  if (method === 'GET' && p === '/_control/posts') {
    const platform = platformParam(query.get('platform'));
    if (!platform) return ok({ error: 'platform is required' }, 400);
    return ok({ ids: control.ids(platform) });
  }
  if (method === 'POST' && p === '/_control/posts/delete') {
    const platform = platformParam(body['platform']);
    if (!platform) return ok({ error: 'platform is required' }, 400);
    const ids = Array.isArray(body['ids']) ? body['ids'].filter((x): x is string => typeof x === 'string') : undefined;
    return ok({ deleted: control.deletePosts(platform, { ids, count: typeof body['count'] === 'number' ? body['count'] : undefined }) });
  }
  if (method === 'POST' && p === '/_control/faults') {
    try {
      return ok(control.addFault(body as unknown as FaultSpec), 201);
    } catch (err) {
      return ok({ error: err instanceof Error ? err.message : 'invalid fault' }, 400);
    }
  }
  if (method === 'GET' && p === '/_control/faults') return ok({ faults: control.faults() });
  if (method === 'DELETE' && p === '/_control/faults') {
    control.clearFaults();
    return ok({ faults: [] });
  }
  if (method === 'POST' && p === '/_control/scenario') {
    const name = body['name'];
    if (typeof name !== 'string' || !(SCENARIOS as readonly string[]).includes(name)) return ok({ error: `name must be one of ${SCENARIOS.join(', ')}` }, 400);
    control.setScenario(body as unknown as ScenarioOptions);
    return ok(control.scenario());
  }
  if (method === 'GET' && p === '/_control/scenario') return ok(control.scenario());
  if (method === 'GET' && p === '/_control/replies') return ok({ replies: control.replies(platformParam(query.get('platform'))) });
  if (method === 'GET' && p === '/_control/requests') {
    const n = Number(query.get('limit') ?? 200);
    return ok({ requests: control.requests(platformParam(query.get('platform'))).slice(-Math.max(1, Math.min(n, LOG_CAP))) });
  }
  if (method === 'POST' && p === '/_control/clock') {
    if (body['now'] !== undefined) {
      const ms = typeof body['now'] === 'string' ? Date.parse(body['now']) : NaN;
      if (!Number.isFinite(ms)) return ok({ error: 'now must be an ISO-8601 time' }, 400);
      control.setClock(ms);
    }
    control.advanceClock(typeof body['advanceMs'] === 'number' ? body['advanceMs'] : 0);
    return ok({ now: nowIso() });
  }
  if (method === 'POST' && p === '/_control/history') return historyRoute(body, control);
  if (method === 'POST' && p === '/_control/reset') {
    control.reset();
    return ok({ reset: true });
  }
  return ok({ error: 'unknown control endpoint' }, 404);
}

const PLATFORMS_OR_UNDEFINED = (v: unknown): SimPlatform[] | undefined | null => {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) return null;
  const out = v.map(platformParam);
  return out.every((x): x is SimPlatform => x !== undefined) ? out : null;
};

/** `POST /_control/history {days?, perDay?, seed?, platforms?, incident?: {daysAgo?, hours?, multiplier?, topic?, startHour?} | null}`. */
function historyRoute(body: Record<string, unknown>, control: SimControl): Reply {
  const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  for (const k of ['days', 'perDay', 'seed'] as const)
    if (body[k] !== undefined && num(body[k]) === undefined) return ok({ error: `${k} must be a number` }, 400);
  const platforms = PLATFORMS_OR_UNDEFINED(body['platforms']);
  if (platforms === null) return ok({ error: `platforms must be a list of ${SIM_PLATFORMS.join(', ')}` }, 400);
  const inc = body['incident'];
  if (inc !== undefined && inc !== null && (typeof inc !== 'object' || Array.isArray(inc))) return ok({ error: 'incident must be an object or null' }, 400);
  const i = (inc ?? {}) as Record<string, unknown>;
  const incident =
    inc === null
      ? null
      : inc === undefined
        ? undefined
        : {
            ...(num(i['daysAgo']) !== undefined ? { daysAgo: num(i['daysAgo']) } : {}),
            ...(num(i['hours']) !== undefined ? { hours: num(i['hours']) } : {}),
            ...(num(i['multiplier']) !== undefined ? { multiplier: num(i['multiplier']) } : {}),
            ...(num(i['startHour']) !== undefined ? { startHour: num(i['startHour']) } : {}),
            ...(typeof i['topic'] === 'string' ? { topic: i['topic'] } : {}),
          };
  return ok(
    control.history({
      days: num(body['days']),
      perDay: num(body['perDay']),
      seed: num(body['seed']),
      ...(platforms ? { platforms } : {}),
      ...(incident !== undefined ? { incident } : {}),
    }),
    201,
  );
}
