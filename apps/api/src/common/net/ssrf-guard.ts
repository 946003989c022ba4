import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Addresses an admin-supplied URL may not reach unless its host:port is explicitly allowed. */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv4');
// ::/96 covers ::, ::1 and the deprecated IPv4-compatible form (::7f00:1); BlockList maps ::ffff:a.b.c.d onto the IPv4 rules.
for (const [net, prefix] of [
  ['::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['2001:db8::', 32],
  ['2002::', 16],
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv6');
}

export class UnsafeUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeUrlError';
  }
}

/** True for private, loopback, link-local, multicast, reserved (and IPv4-mapped forms of those) addresses. */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true; // not an address at all: never connect to it
  const v4mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (v4mapped) return BLOCKED.check(v4mapped[1]!, 'ipv4');
  return BLOCKED.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** The port a URL connects to (its explicit port, else the scheme's default). */
export function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

/**
 * `host:port` as the allowlist spells it: the WHATWG-parsed host name (lower case, IPv6 in
 * brackets, numeric IPv4 forms such as 2130706433 or 127.1 already normalised to dotted),
 * without a trailing dot, then the port (explicit or the scheme's default).
 */
export function hostPortKey(url: URL): string {
  return `${url.hostname.replace(/\.$/, '')}:${portOf(url)}`;
}

/**
 * Parses one EARSHOT_ALLOWED_PRIVATE_HOSTS entry (`host:port`, `[v6]:port`) into its key.
 * A port is required: an allowance is for one service, never for every port of a host.
 */
export function parseAllowedHost(entry: string): string {
  const trimmed = entry.trim().toLowerCase();
  if (!trimmed.startsWith('[') && (trimmed.match(/:/g) ?? []).length > 1)
    throw new Error(`"${trimmed}": write an IPv6 address in brackets, with its port (e.g. [::1]:4100)`);
  if (!/:\d+$/.test(trimmed)) throw new Error(`"${trimmed}" has no port: entries are host:port exact (e.g. 127.0.0.1:4100, [::1]:4100)`);
  let url: URL;
  try {
    url = new URL(`http://${trimmed}/`);
  } catch {
    throw new Error(`"${trimmed}" is not a host:port`);
  }
  if (url.username || url.password || url.pathname !== '/') throw new Error(`"${trimmed}" must be host:port with an explicit port (e.g. 127.0.0.1:4100)`);
  // new URL() drops a port equal to the scheme's default (80 here): the entry's own number is the port.
  return `${url.hostname.replace(/\.$/, '')}:${Number(/:(\d+)$/.exec(trimmed)![1])}`;
}

/** Ports a public host may be reached on: the web ports and unprivileged ones (no SMTP, SSH, … on someone else's server). */
export function isAllowedPublicPort(port: number): boolean {
  return port === 80 || port === 443 || (port >= 1024 && port <= 65535);
}

/**
 * The checks that need no DNS: the URL parses, is http(s), carries no user name or password,
 * and, unless its host:port is allowlisted, uses an allowed port and (when the host is an IP
 * literal: these never reach a DNS lookup) a public address. Returns the parsed URL, whether it
 * is allowlisted, and the literal address (without brackets) when the host is one.
 */
export function checkUrlShape(raw: string | URL, allowedHosts: readonly string[]): { url: URL; allowed: boolean; literal: string | null } {
  let url: URL;
  try {
    url = raw instanceof URL ? raw : new URL(raw);
  } catch {
    throw new UnsafeUrlError('is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UnsafeUrlError('must use https:// or http://');
  if (url.username || url.password) throw new UnsafeUrlError('must not contain a user name or password; use the credentials fields');
  const key = hostPortKey(url);
  const bare = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  const literal = isIP(bare) ? bare : null;
  if (allowedHosts.includes(key)) return { url, allowed: true, literal };
  if (!isAllowedPublicPort(portOf(url)))
    throw new UnsafeUrlError(
      `uses port ${portOf(url)}, which is not allowed (80, 443 or 1024-65535); an admin can allow ${key} with EARSHOT_ALLOWED_PRIVATE_HOSTS`,
    );
  if (literal && isBlockedAddress(literal))
    throw new UnsafeUrlError(`points to a private or local address (${literal}); an admin can allow ${key} with EARSHOT_ALLOWED_PRIVATE_HOSTS`);
  return { url, allowed: false, literal };
}

/**
 * Checks that a URL an admin configured (a platform's API root) is http(s) and resolves only
 * to public addresses, unless its exact `host:port` is in the allowlist
 * (EARSHOT_ALLOWED_PRIVATE_HOSTS; the local simulator's ports are added automatically).
 * Used to give a clear 400 when a source is saved; the real guard is the guarded fetch
 * (guarded-fetch.ts), which checks every request again and connects to the address it checked.
 */
export async function assertPublicUrl(
  raw: string,
  allowedHosts: readonly string[],
  resolve: (host: string) => Promise<string[]> = defaultResolve,
): Promise<URL> {
  const { url, allowed, literal } = checkUrlShape(raw, allowedHosts);
  if (allowed || literal) return url;
  const host = url.hostname.replace(/\.$/, '');
  const addresses = await resolve(host).catch(() => {
    throw new UnsafeUrlError(`host ${host} could not be resolved`);
  });
  if (addresses.length === 0) throw new UnsafeUrlError(`host ${host} could not be resolved`);
  const bad = addresses.find(isBlockedAddress);
  if (bad) throw new UnsafeUrlError(`points to a private or local address (${bad}); an admin can allow ${hostPortKey(url)} with EARSHOT_ALLOWED_PRIVATE_HOSTS`);
  return url;
}

async function defaultResolve(host: string): Promise<string[]> {
  return (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
}
