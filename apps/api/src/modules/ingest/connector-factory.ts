import type { Connector } from '@earshot/connectors';

/** How the poller gets a connector for a platform (tests may provide their own). */
export type ConnectorFactory = (platform: string) => Connector<unknown>;
export const CONNECTOR_FACTORY = Symbol('CONNECTOR_FACTORY');
