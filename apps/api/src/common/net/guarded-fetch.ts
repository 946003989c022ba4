import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { RequestRefusedError, formatBytes } from '@earshot/connectors';
import { Agent, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from 'undici';
import { checkUrlShape, isBlockedAddress, UnsafeUrlError } from './ssrf-guard.js';

/**
 * The api's one way out to the network (connectors today; webhooks, avatars and replies next).
 * For every request it:
 * - checks the URL it is given, which is the final URL (redirects are never followed): http(s),
 *   no user name or password, an allowed port, and an IP-literal host against the blocklist
 *   (IP literals never reach a DNS lookup, so they are checked here; WHATWG parsing has already
 *   turned 2130706433, 127.1, 0x7f000001 and [::ffff:127.0.0.1] into their canonical forms);
 * - resolves a host name once, in the connection's own `lookup`, refuses it when any address is
 *   private, loopback, link-local or reserved, and connects to exactly the addresses it checked
 *   (no second lookup: no DNS-rebinding window);
 * - refuses 3xx redirects (304 Not Modified is not a redirect and is returned);
 * - caps the response body while it streams and aborts past the cap.
 * Exact `host:port` entries of the allowlist (EARSHOT_ALLOWED_PRIVATE_HOSTS, the simulator's
 * ports) may reach private addresses; nothing else can. Refusals are OutboundRefusedError
 * (a RequestRefusedError), with a message in our words only.
 */
export class OutboundRefusedError extends RequestRefusedError {
  constructor(message: string, reason: string, status?: number) {
    super(message, reason, status);
    this.name = 'OutboundRefusedError';
  }
}

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export interface GuardedFetchOptions {
  /** Exact `host:port` keys (see hostPortKey) that may resolve to private addresses. */
  allowedPrivateHosts: () => readonly string[];
  /** Response bodies larger than this are refused while streaming. Default 4 MiB. */
  maxBodyBytes?: number;
  /** DNS resolution (tests inject a stub); default: the system resolver, every address. */
  resolve?: Resolver;
  /** Which resolved addresses are refused. Default isBlockedAddress; tests only (to prove pinning on loopback). */
  blockedAddress?: (address: string) => boolean;
}

export type GuardedFetch = ((input: string | URL, init?: RequestInit) => Promise<Response>) & {
  /** The same guard with another body cap (one per platform), sharing the connection pools. */
  withMaxBodyBytes(maxBodyBytes: number): GuardedFetch;
  /** Closes the connection pools (app shutdown). */
  close(): Promise<void>;
};

export const DEFAULT_OUTBOUND_MAX_BODY_BYTES = 4 * 1024 * 1024;
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

const systemResolve: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `net.connect` lookup that resolves once, refuses private answers, and hands back only what it checked. */
export function pinnedLookup(
  resolve: Resolver,
  blocked: (address: string) => boolean = isBlockedAddress,
): (hostname: string, options: { family?: number | string; all?: boolean }, callback: LookupCallback) => void {
  return (hostname, options, callback) => {
    const host = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
    resolve(host).then(
      (answers) => {
        const family = options.family === 4 || options.family === 'IPv4' ? 4 : options.family === 6 || options.family === 'IPv6' ? 6 : 0;
        const addresses = family ? answers.filter((a) => a.family === family) : answers;
        const bad = answers.find((a) => blocked(a.address));
        if (bad) return callback(new OutboundRefusedError(`${host} resolves to a private or local address (${bad.address})`, 'address'), '');
        if (addresses.length === 0) return callback(Object.assign(new Error(`${host} has no address`), { code: 'ENOTFOUND' }), '');
        if (options.all)
          return callback(
            null,
            addresses.map((a) => ({ address: a.address, family: a.family })),
          );
        return callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, ''),
    );
  };
}

export function createGuardedFetch(options: GuardedFetchOptions): GuardedFetch {
  const strict = new Agent({ connect: { lookup: pinnedLookup(options.resolve ?? systemResolve, options.blockedAddress) as never } });
  // Allowlisted host:port only: the admin chose this service on a private address.
  const allowed = new Agent();
  const make = (maxBodyBytes: number): GuardedFetch => {
    const guarded = (async (input: string | URL, init: RequestInit = {}): Promise<Response> => {
      let shape: ReturnType<typeof checkUrlShape>;
      try {
        shape = checkUrlShape(typeof input === 'string' ? input : input.toString(), options.allowedPrivateHosts());
      } catch (e) {
        if (e instanceof UnsafeUrlError) throw new OutboundRefusedError(`the address ${e.message}`, 'address');
        throw e;
      }
      let res: Awaited<ReturnType<typeof undiciFetch>>;
      try {
        res = await undiciFetch(shape.url, { ...(init as UndiciRequestInit), redirect: 'manual', dispatcher: shape.allowed ? allowed : strict });
      } catch (e) {
        const refused = findRefusal(e);
        if (refused) throw refused;
        throw e;
      }
      if (res.status < 200 || res.status > 599) {
        await res.body?.cancel().catch(() => undefined);
        throw new OutboundRefusedError(`unexpected status ${res.status}`, 'status', res.status);
      }
      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        await res.body?.cancel().catch(() => undefined);
        throw new OutboundRefusedError(`redirect (${res.status}) refused: redirects are not followed`, 'redirect', res.status);
      }
      const declared = Number(res.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > maxBodyBytes) {
        await res.body?.cancel().catch(() => undefined);
        throw new OutboundRefusedError(`response body over ${formatBytes(maxBodyBytes)}, not read`, 'body_too_large', res.status);
      }
      const body = NULL_BODY_STATUSES.has(res.status) || !res.body ? null : capStream(res.body as ReadableStream<Uint8Array>, maxBodyBytes, res.status);
      if (NULL_BODY_STATUSES.has(res.status)) await res.body?.cancel().catch(() => undefined);
      const headers = new Headers();
      res.headers.forEach((value, name) => headers.append(name, value));
      return new Response(body, { status: res.status, statusText: res.statusText, headers });
    }) as GuardedFetch;
    guarded.withMaxBodyBytes = make;
    guarded.close = async () => {
      await Promise.all([strict.close(), allowed.close()]);
    };
    return guarded;
  };
  return make(options.maxBodyBytes ?? DEFAULT_OUTBOUND_MAX_BODY_BYTES);
}

/** Passes the body through, counting bytes; past `max` the reader gets a refusal and the connection is aborted. */
function capStream(body: ReadableStream<Uint8Array>, max: number, status: number): ReadableStream<Uint8Array> {
  let total = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        total += chunk.byteLength;
        if (total > max) controller.error(new OutboundRefusedError(`response body over ${formatBytes(max)}, not read`, 'body_too_large', status));
        else controller.enqueue(chunk);
      },
    }),
  );
}

function findRefusal(err: unknown): OutboundRefusedError | null {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof OutboundRefusedError) return e;
  }
  return null;
}
