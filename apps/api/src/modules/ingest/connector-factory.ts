import type { FactoryProvider } from '@nestjs/common';
import { createConnector, RSS_MAX_BODY_BYTES, type Connector, type Platform } from '@earshot/connectors';
import { allowedPrivateHosts } from '../../common/net/allowed-hosts.js';
import { createGuardedFetch, type GuardedFetch } from '../../common/net/guarded-fetch.js';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';

/** How the poller gets a connector for a platform (tests may provide their own). */
export type ConnectorFactory = (platform: string) => Connector<unknown>;
export const CONNECTOR_FACTORY = Symbol('CONNECTOR_FACTORY');

/** Largest response body per platform (streamed, aborted past it): JSON APIs' pages are far smaller; feeds carry full items. */
export const MAX_BODY_BYTES: Record<Platform, number> = {
  mastodon: 4 * 1024 * 1024,
  bluesky: 4 * 1024 * 1024,
  reddit: 4 * 1024 * 1024,
  x: 4 * 1024 * 1024,
  rss: RSS_MAX_BODY_BYTES,
};

/**
 * Connectors whose every request goes through the guarded fetch (common/net/guarded-fetch.ts):
 * final URL checked, DNS pinned to the checked addresses, no redirects, body capped.
 */
export function createGuardedConnectorFactory(guarded: GuardedFetch): ConnectorFactory {
  const fetches = new Map<Platform, GuardedFetch>();
  return (platform) => {
    const p = platform as Platform;
    const max = MAX_BODY_BYTES[p] ?? 4 * 1024 * 1024;
    let fetchFor = fetches.get(p);
    if (!fetchFor) fetches.set(p, (fetchFor = guarded.withMaxBodyBytes(max)));
    return createConnector(p, { fetch: fetchFor, maxBodyBytes: max });
  };
}

/** The api's connector factory; closes the guarded fetch's connection pools at shutdown. */
export const connectorFactoryProvider: FactoryProvider = {
  provide: CONNECTOR_FACTORY,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => {
    const guarded = createGuardedFetch({ allowedPrivateHosts: () => allowedPrivateHosts(config) });
    return Object.assign(createGuardedConnectorFactory(guarded), { onModuleDestroy: () => guarded.close() });
  },
};
