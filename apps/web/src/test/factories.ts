import type { Brand, ListeningQuery, Mention, MentionDetail, Role, Session, Source, User, Workspace } from '@earshot/contracts';

let sequence = 0;
/** A valid v4-shaped UUID, different on each call. */
export function nextId(): string {
  sequence += 1;
  return `00000000-0000-4000-8000-${sequence.toString(16).padStart(12, '0')}`;
}

export const WORKSPACE: Workspace = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'Acme Support',
  slug: 'acme',
  timeZone: 'Europe/Berlin',
};

export function buildUser(overrides: Partial<User> = {}): User {
  const id = overrides.id ?? nextId();
  return {
    id,
    workspaceId: WORKSPACE.id,
    email: `user-${id.slice(-4)}@example.com`,
    name: 'Someone',
    firstName: 'Someone',
    signature: 'S',
    role: 'agent',
    active: true,
    lastLoginAt: null,
    createdAt: '2026-11-01T09:00:00.000Z',
    ...overrides,
  };
}

export function buildSession(role: Role, overrides: Partial<User> = {}): Session {
  return {
    user: buildUser({ name: `Pat ${role}`, email: `${role}@example.com`, role, ...overrides }),
    workspace: WORKSPACE,
    expiresAt: '2099-01-01T00:00:00.000Z',
  };
}

export function buildSource(overrides: Partial<Omit<Source, 'health'>> & { health?: Partial<Source['health']> } = {}): Source {
  const { health, ...rest } = overrides;
  return {
    id: nextId(),
    name: 'Acme on Mastodon',
    platform: 'mastodon',
    baseUrl: 'https://mastodon.social',
    streamKind: 'notifications',
    streamQuery: null,
    enabled: true,
    pollIntervalSeconds: 60,
    credentialFields: ['accessToken'],
    createdAt: '2026-11-01T09:00:00.000Z',
    ...rest,
    health: {
      status: 'ok',
      lastPollAt: null,
      lastSuccessAt: null,
      nextPollAt: null,
      lastError: null,
      lastErrorAt: null,
      consecutiveFailures: 0,
      mentionsToday: 0,
      ...health,
    },
  };
}

export function buildBrand(overrides: Partial<Brand> = {}): Brand {
  return { id: nextId(), name: 'Acme', kind: 'own', handles: [], createdAt: '2026-11-01T09:00:00.000Z', ...overrides };
}

export function buildListeningQuery(overrides: Partial<ListeningQuery> = {}): ListeningQuery {
  return {
    id: nextId(),
    brandId: nextId(),
    name: 'Mentions',
    query: 'acme',
    topic: null,
    enabled: true,
    createdAt: '2026-11-01T09:00:00.000Z',
    updatedAt: '2026-11-01T09:00:00.000Z',
    ...overrides,
  };
}

/** A mention as the api sends it; `receivedAt` defaults to now, so relative times read "just now". */
export function buildMention(overrides: Partial<Omit<Mention, 'author'>> & { author?: Partial<Mention['author']> } = {}): Mention {
  const { author, ...rest } = overrides;
  const at = new Date().toISOString();
  return {
    id: nextId(),
    seq: 1,
    platform: 'mastodon',
    externalId: `ext-${sequence}`,
    url: 'https://mastodon.social/@casey/1',
    text: 'My order never arrived',
    language: 'en',
    postedAt: at,
    receivedAt: at,
    updatedAt: at,
    brandId: null,
    topics: [],
    author: {
      id: nextId(),
      platform: 'mastodon',
      handle: 'casey',
      displayName: 'Casey',
      followers: 12_400,
      verified: false,
      bot: false,
      avatarUrl: null,
      ...author,
    },
    thread: { rootId: null, parentId: null },
    engagement: { replies: 0, reposts: 0, likes: 0 },
    sentiment: { score: -0.7, label: 'negative', confidence: 0.9 },
    urgency: { score: 72, level: 'high', reasons: [{ code: 'delivery', weight: 30, text: 'Order did not arrive', triggers: ['never arrived'] }] },
    intent: 'complaint',
    category: 'delivery',
    spam: false,
    status: 'new',
    assignee: null,
    tags: [],
    claim: null,
    replies: { total: 0, sent: 0, awaitingApproval: 0, inFlight: 0, needsAttention: 0, lastStatus: null },
    sla: { dueAt: null, breachedAt: null, firstResponseAt: null, resolvedAt: null },
    ...rest,
  };
}

export function buildMentionDetail(mention: Mention, overrides: Partial<Omit<MentionDetail, 'mention'>> = {}): MentionDetail {
  return {
    mention,
    thread: { parent: null, replies: [] },
    authorHistory: { total: 1, open: 1, earlier: [], teamReplies: [] },
    notes: [],
    replies: [],
    replyability: { code: 'ok', canReply: true, message: null },
    ...overrides,
  };
}
