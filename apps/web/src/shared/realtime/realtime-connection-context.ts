import { createContext } from 'react';
import type { RealtimeConnection } from './realtime-connection';

/**
 * The signed-in dashboard's one socket (see `RealtimeProvider`): every page and the alert
 * banner listen on it, so a tab holds one connection however many parts of it listen.
 * Null outside the provider, where `useRealtimeConnection` opens a socket of its own.
 */
export const RealtimeConnectionContext = createContext<RealtimeConnection | null>(null);
