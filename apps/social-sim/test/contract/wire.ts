/**
 * Plain-HTTP helpers for the wire contract specs (`*.wire.spec.ts`): what an unmodified client
 * library sees, checked against each platform's documented shapes, both under the main port's
 * path prefix and at the root of the platform's own port.
 */
import type { SimPlatform, SocialSim } from '../../src/index.js';

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface CallOptions {
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
}

export async function call(base: string, method: string, path: string, o: CallOptions = {}): Promise<WireResponse> {
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  let body: string | undefined;
  if (o.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(o.json);
  } else if (o.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(o.form).toString();
  }
  const res = await fetch(`${base}${path}`, { method, headers, body, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, headers: Object.fromEntries(res.headers.entries()), text, json };
}

/** The two ways to reach a platform: under the main port's prefix, and at its own port's root. */
export function bases(sim: SocialSim, platform: SimPlatform): [string, string][] {
  return [
    ['prefix', sim.baseUrls[platform]],
    ['root', sim.rootUrls?.[platform] ?? `${sim.url}/no-root-server-for-${platform}`],
  ];
}

export const VIA = ['prefix', 'root'] as const;
export type Via = (typeof VIA)[number];

export function baseOf(sim: SocialSim, platform: SimPlatform, via: Via): string {
  return Object.fromEntries(bases(sim, platform))[via] as string;
}
