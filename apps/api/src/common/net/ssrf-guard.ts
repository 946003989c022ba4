import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Addresses an admin-supplied URL may not reach unless its host is explicitly allowed. */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) BLOCKED.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) BLOCKED.addSubnet(net, prefix, 'ipv6');

export class UnsafeUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeUrlError';
  }
}

function isBlockedAddress(address: string): boolean {
  const v4mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (v4mapped) return BLOCKED.check(v4mapped[1]!, 'ipv4');
  return BLOCKED.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Checks that a URL an admin configured (a platform's API root) is http(s) and resolves
 * only to public addresses, unless its `host` or `host:port` is in the allowlist
 * (EARSHOT_ALLOWED_PRIVATE_HOSTS; the local simulator is added automatically).
 * Checked when the source is saved and again before every poll. Known limit: the
 * connection itself resolves the name again (a DNS-rebinding window remains).
 */
export async function assertPublicUrl(raw: string, allowedHosts: readonly string[], resolve: (host: string) => Promise<string[]> = defaultResolve): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeUrlError('is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UnsafeUrlError('must use https:// or http://');
  if (url.username || url.password) throw new UnsafeUrlError('must not contain a user name or password; use the credentials fields');
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  if (allowedHosts.includes(host) || allowedHosts.includes(`${host}:${port}`)) return url;
  const addresses = isIP(host) ? [host] : await resolve(host).catch(() => {
    throw new UnsafeUrlError(`host ${host} could not be resolved`);
  });
  if (addresses.length === 0) throw new UnsafeUrlError(`host ${host} could not be resolved`);
  const bad = addresses.find(isBlockedAddress);
  if (bad) throw new UnsafeUrlError(`points to a private or local address (${bad}); an admin can allow ${host}:${port} with EARSHOT_ALLOWED_PRIVATE_HOSTS`);
  return url;
}

async function defaultResolve(host: string): Promise<string[]> {
  return (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
}
