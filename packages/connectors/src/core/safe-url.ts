import { ConnectorError, type Platform } from './connector.js';

/** Returns the URL as a string when it is an absolute http(s) URL, else null (javascript:, data:, relative…). */
export function safeHttpUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 4096) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  return url.toString();
}

/**
 * Validates a configured API root. Only the scheme is checked (http/https): loopback is allowed
 * on purpose so the simulator works; host policy (SSRF allowlists) belongs to the api.
 * Returns the root without a trailing slash.
 */
export function assertHttpBaseUrl(baseUrl: string, platform?: Platform): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch (cause) {
    throw new ConnectorError('bad_request', `Invalid base URL`, { platform, cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConnectorError('bad_request', `Base URL must be http or https, got ${url.protocol}`, { platform });
  }
  if (url.username || url.password) {
    throw new ConnectorError('bad_request', 'Base URL must not carry credentials', { platform });
  }
  url.search = '';
  url.hash = '';
  return trimTrailingSlashes(url.toString());
}

/** `${root}${path}` with query parameters; array values become repeated keys (`types[]=a&types[]=b`). */
export function buildUrl(root: string, path: string, query: Record<string, string | number | boolean | readonly string[] | null | undefined> = {}): string {
  const url = new URL(root + (path.startsWith('/') ? path : `/${path}`));
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      for (const v of value as readonly string[]) url.searchParams.append(key, v);
    } else {
      url.searchParams.set(key, String(value));
    }
  }
  return url.toString();
}

/**
 * `s` without its trailing slashes. A scan from the end: `/\/+$/` is quadratic on a long run of
 * slashes not at the end (each start position re-scans the run), and these are admin input.
 */
export function trimTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 47) end--;
  return end === s.length ? s : s.slice(0, end);
}
