import type { AppConfig } from '../../config/env.js';
import { hostPortKey, portOf } from './ssrf-guard.js';

/**
 * The simulator's ports: its main port P (every platform under a path prefix) and one root port
 * per platform, P+1 mastodon, P+2 bluesky, P+3 reddit, P+4 x, P+5 rss.
 */
export const SIM_PORT_OFFSETS = [0, 1, 2, 3, 4, 5] as const;

/**
 * Exact host:port keys sources may reach although private: EARSHOT_ALLOWED_PRIVATE_HOSTS plus,
 * when SOCIAL_SIM_URL is set, the simulator's own ports on its host, and no other port there.
 */
export function allowedPrivateHosts(config: Pick<AppConfig, 'allowedPrivateHosts' | 'socialSimUrl'>): string[] {
  const keys = new Set(config.allowedPrivateHosts);
  const sim = config.socialSimUrl;
  if (sim) {
    const base = portOf(sim);
    for (const offset of SIM_PORT_OFFSETS) {
      if (base + offset > 65535) break;
      const u = new URL(sim.origin);
      u.port = String(base + offset);
      keys.add(hostPortKey(u));
    }
  }
  return [...keys];
}
