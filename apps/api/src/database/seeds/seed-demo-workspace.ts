import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/env.js';
import { sourceCredentialsAad } from '../../common/crypto/source-credentials-aad.js';
import { UserEntity } from '../../modules/users/user.entity.js';
import { WorkspaceEntity } from '../../modules/workspaces/workspace.entity.js';
import { AuditEventEntity } from '../../modules/audit/audit-event.entity.js';
import { BrandEntity } from '../../modules/brands/brand.entity.js';
import { ListeningQueryEntity } from '../../modules/listening-queries/listening-query.entity.js';
import { SourceEntity } from '../../modules/sources/source.entity.js';
import { seedDemoTemplates } from './demo-templates.js';
import type { EntityManager } from 'typeorm';

export interface SeedResult {
  created: boolean;
  email?: string;
  /** Set only when the password was generated here: it is shown once and never stored in clear. */
  generatedPassword?: string;
}

/**
 * First start on an empty database: a demo workspace and its admin. The admin's password
 * comes from EARSHOT_ADMIN_PASSWORD or is generated. Safe with several instances starting
 * at once (an advisory lock serialises the check).
 */
export async function seedDemoWorkspace(
  dataSource: DataSource,
  config: AppConfig,
  hashPassword: (p: string) => Promise<string>,
  /** Seals a source's credentials JSON with the given AAD (SecretBox.seal): the seed binds each to its source id and origin. */
  sealCredentials: (json: string, aad: string) => string,
): Promise<SeedResult> {
  const generated = config.admin.password ? undefined : randomBytes(12).toString('base64url');
  const password = config.admin.password ?? generated!;
  const passwordHash = await hashPassword(password);
  return dataSource.transaction(async (m) => {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('earshot.seed'))`);
    if ((await m.count(WorkspaceEntity)) > 0) return { created: false };
    const workspace = await m.save(m.create(WorkspaceEntity, { name: 'Demo workspace', slug: 'demo', timeZone: 'UTC' }));
    const admin = await m.save(
      m.create(UserEntity, {
        workspaceId: workspace.id,
        email: config.admin.email,
        name: 'Administrator',
        role: 'admin',
        passwordHash,
        active: true,
        lastLoginAt: null,
        mustChangePassword: generated !== undefined,
      }),
    );
    await m.insert(AuditEventEntity, {
      workspaceId: workspace.id,
      actorUserId: null,
      action: 'workspace.seeded',
      targetType: 'user',
      targetId: admin.id,
      data: { email: admin.email },
    });
    if (config.socialSimUrl) await wireDemoToSimulator(m, workspace.id, config.socialSimUrl, sealCredentials);
    return { created: true, email: admin.email, ...(generated ? { generatedPassword: generated } : {}) };
  });
}

/**
 * The demo brand, a competitor (the simulator names Globex instead of Acme in about a quarter of its posts under
 * `npm start`, both in a few: share of voice and brand comparison have two brands) and one source per platform, all
 * reading the local social simulator. The search sources ask for either brand; Mastodon's notifications carry the
 * mentions of @acme only, as they would. Each
 * starts from its connector's "read everything" cursor, not from none (a first poll without a
 * cursor reads the newest page only): the simulator's month of back-dated history
 * (`SOCIAL_SIM_HISTORY_DAYS`, set by `npm start`) is ingested in full, with its past times.
 */
const DEMO_SOURCES: Array<Pick<SourceEntity, 'name' | 'platform' | 'streamKind' | 'streamQuery' | 'cursor'> & { credentials: Record<string, string> }> = [
  {
    name: 'Mastodon: mentions of @acme',
    platform: 'mastodon',
    streamKind: 'notifications',
    streamQuery: null,
    cursor: { minId: '0' },
    credentials: { accessToken: 'demo-mastodon-token' },
  },
  {
    name: 'Bluesky: search "acme OR globex"',
    platform: 'bluesky',
    streamKind: 'search',
    streamQuery: 'acme OR globex',
    cursor: { highWater: '1970-01-01T00:00:00.000Z' },
    credentials: { identifier: 'acme.bsky.social', password: 'demo-app-password' },
  },
  {
    name: 'Reddit: search "acme OR globex"',
    platform: 'reddit',
    streamKind: 'search',
    streamQuery: 'acme OR globex',
    cursor: { highWaterUtc: 0 },
    credentials: { clientId: 'demo-client', clientSecret: 'demo-secret', username: 'acme_support', password: 'demo-password' },
  },
  {
    name: 'X: recent search "acme OR globex"',
    platform: 'x',
    streamKind: 'search',
    streamQuery: 'acme OR globex',
    // X's recent search serves 7 days: `sinceId: null` reads the whole window.
    cursor: { sinceId: null },
    // The user token lets the demo answer on X (an app bearer token can only read).
    credentials: { bearerToken: 'demo-x-bearer', userAccessToken: 'demo-x-user-token' },
  },
];

async function wireDemoToSimulator(m: EntityManager, workspaceId: string, sim: URL, seal: (json: string, aad: string) => string): Promise<void> {
  const brand = await m.save(m.create(BrandEntity, { workspaceId, name: 'Acme', kind: 'own', handles: ['acme', 'acme.bsky.social', 'acme_support'] }));
  await m.save(
    m.create(ListeningQueryEntity, {
      workspaceId,
      brandId: brand.id,
      name: 'Everything about Acme',
      query: 'acme OR @acme OR #acme',
      topic: null,
      enabled: true,
    }),
  );
  const rival = await m.save(m.create(BrandEntity, { workspaceId, name: 'Globex', kind: 'competitor', handles: ['globex'] }));
  await m.save(
    m.create(ListeningQueryEntity, {
      workspaceId,
      brandId: rival.id,
      name: 'Everything about Globex',
      query: 'globex OR @globex OR #globex',
      topic: null,
      enabled: true,
    }),
  );
  await seedDemoTemplates(m, workspaceId, brand.id);
  const root = sim.origin;
  for (const d of DEMO_SOURCES) {
    // The id is chosen before the insert: the credentials are sealed to it and to the origin.
    const id = randomUUID();
    const baseUrl = `${root}/${d.platform}`;
    await m.save(
      m.create(SourceEntity, {
        id,
        workspaceId,
        name: d.name,
        platform: d.platform,
        baseUrl,
        streamKind: d.streamKind,
        streamQuery: d.streamQuery,
        credentialsCiphertext: seal(JSON.stringify(d.credentials), sourceCredentialsAad({ workspaceId, sourceId: id, baseUrl })),
        credentialFields: Object.keys(d.credentials).sort(),
        enabled: true,
        pollIntervalSeconds: 10,
        cursor: d.cursor,
        demo: true,
        status: 'idle',
        nextPollAt: new Date(),
        consecutiveFailures: 0,
      }),
    );
  }
}
