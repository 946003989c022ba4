import type { Source } from '@earshot/contracts';
import type { SourceEntity } from './source.entity.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Credentials never leave: only the names of the stored fields. */
export function toSourceDto(s: SourceEntity, mentionsToday: number): Source {
  return {
    id: s.id,
    name: s.name,
    platform: s.platform,
    baseUrl: s.baseUrl,
    streamKind: s.streamKind,
    streamQuery: s.streamQuery,
    enabled: s.enabled,
    pollIntervalSeconds: s.pollIntervalSeconds,
    credentialFields: s.credentialFields,
    health: {
      status: s.enabled ? s.status : 'disabled',
      lastPollAt: iso(s.lastPollAt),
      lastSuccessAt: iso(s.lastSuccessAt),
      nextPollAt: s.enabled ? iso(s.nextPollAt) : null,
      lastError: s.lastError,
      lastErrorAt: iso(s.lastErrorAt),
      consecutiveFailures: s.consecutiveFailures,
      mentionsToday,
    },
    createdAt: s.createdAt.toISOString(),
  };
}
