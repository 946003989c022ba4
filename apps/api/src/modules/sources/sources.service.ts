import { randomUUID } from 'node:crypto';
import { trimTrailingSlashes } from '@earshot/connectors';
import { BadRequestException, Inject, Injectable, Logger, NotFoundException, type OnApplicationBootstrap } from '@nestjs/common';
import {
  PLATFORM_CREDENTIALS,
  PLATFORM_STREAMS,
  type CreateSourceRequestSchema,
  type Source,
  type SourcePlatform,
  type UpdateSourceRequestSchema,
} from '@earshot/contracts';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { AuthContext } from '../../common/auth-context.js';
import { SECRET_BOX, SecretBox } from '../../common/crypto/secret-box.js';
import { originOf, sourceCredentialsAad } from '../../common/crypto/source-credentials-aad.js';
import { allowedPrivateHosts } from '../../common/net/allowed-hosts.js';
import { assertPublicUrl, UnsafeUrlError } from '../../common/net/ssrf-guard.js';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { AuditService } from '../audit/audit.service.js';
import { MentionsRepository } from '../mentions/mentions.repository.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import type { SourceEntity } from './source.entity.js';
import { SourcesRepository } from './sources.repository.js';
import { toSourceDto } from './source.mapper.js';

/** The stored credentials do not open for this source as it is now (moved to another row, workspace or origin, tampered with, or another key). */
export class CredentialsUnavailableError extends Error {
  constructor(cause: unknown) {
    super("the stored credentials do not open for this source's workspace, id and address", { cause });
    this.name = 'CredentialsUnavailableError';
  }
}

const badField = (path: string, message: string) =>
  new BadRequestException({ error: 'Bad Request', message: `Invalid request: ${path} ${message}`, issues: [{ path, message }] });

@Injectable()
export class SourcesService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SourcesService.name);

  constructor(
    private readonly sources: SourcesRepository,
    private readonly mentions: MentionsRepository,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /** Exact host:port keys sources may reach although private: the configured list plus the simulator's ports. */
  allowedPrivateHosts(): string[] {
    return allowedPrivateHosts(this.config);
  }

  /** Re-seals credentials still in the first format (bound to the workspace only) to the source's id and origin. */
  async onApplicationBootstrap(): Promise<void> {
    await this.resealLegacyCredentials();
  }

  /**
   * Rows sealed before credentials were bound to source and origin (`v1.`) are re-sealed as v2
   * with their current base URL. Each row is updated only if unchanged meanwhile; a value that
   * does not open is left as it is (and logged), never dropped. Returns the number re-sealed.
   */
  async resealLegacyCredentials(): Promise<number> {
    const rows = await this.sources.listWithLegacyCredentials();
    let done = 0;
    for (const s of rows) {
      const old = s.credentialsCiphertext!;
      try {
        const plain = this.box.open(old, this.aadOf(s), s.workspaceId);
        const sealed = this.box.seal(plain, this.aadOf(s));
        done += await this.sources.replaceCredentialsIfUnchanged(s.id, old, sealed);
      } catch (err) {
        this.logger.warn(
          { sourceId: s.id, err: err instanceof Error ? err.message : String(err) },
          'stored credentials could not be re-sealed; left as they are',
        );
      }
    }
    if (done) this.logger.log(`re-sealed the credentials of ${done} source(s) to their source id and origin`);
    return done;
  }

  async list(auth: AuthContext): Promise<Source[]> {
    const rows = await this.sources.listInWorkspace(auth.workspaceId);
    const counts = await this.mentions.countTodayBySource(auth.workspaceId);
    return rows.map((s) => toSourceDto(s, counts.get(s.id) ?? 0));
  }

  async create(auth: AuthContext, input: z.output<typeof CreateSourceRequestSchema>, meta: RequestMeta): Promise<Source> {
    await this.checkUrl(input.baseUrl);
    const baseUrl = trimTrailingSlashes(input.baseUrl);
    this.checkStream(input.platform, input.streamKind, input.streamQuery, baseUrl);
    this.checkCredentials(input.platform, input.credentials);
    // The id is chosen here so that the credentials can be sealed to it (AAD) before the insert.
    const id = randomUUID();
    const saved = await this.sources.transaction(async (m) => {
      const s = await this.sources.insert(m, {
        id,
        workspaceId: auth.workspaceId,
        name: input.name,
        platform: input.platform,
        baseUrl,
        streamKind: input.streamKind,
        streamQuery: input.streamQuery,
        credentialsCiphertext: Object.keys(input.credentials).length
          ? this.box.seal(JSON.stringify(input.credentials), sourceCredentialsAad({ workspaceId: auth.workspaceId, sourceId: id, baseUrl }))
          : null,
        credentialFields: Object.keys(input.credentials).sort(),
        enabled: input.enabled,
        pollIntervalSeconds: input.pollIntervalSeconds,
        cursor: null,
        status: 'idle',
        nextPollAt: new Date(),
        consecutiveFailures: 0,
      });
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: 'source.created',
          targetType: 'source',
          targetId: s.id,
          data: { platform: s.platform, baseUrl: s.baseUrl, stream: s.streamKind, credentialFields: s.credentialFields },
          ...meta,
        },
        m,
      );
      return s;
    });
    return toSourceDto(saved, 0);
  }

  async update(auth: AuthContext, id: string, input: z.output<typeof UpdateSourceRequestSchema>, meta: RequestMeta): Promise<Source> {
    if (input.baseUrl !== undefined) await this.checkUrl(input.baseUrl);
    const saved = await this.sources.transaction(async (m) => {
      const s = await this.lockOwn(m, auth.workspaceId, id);
      const oldBaseUrl = s.baseUrl;
      const newBaseUrl = input.baseUrl !== undefined ? trimTrailingSlashes(input.baseUrl) : s.baseUrl;
      const originChange = originOf(oldBaseUrl) !== originOf(newBaseUrl) ? { from: originOf(oldBaseUrl), to: originOf(newBaseUrl) } : null;
      // Stored credentials are never sent to another origin: a new origin needs them again. (The
      // platform cannot be changed: UpdateSourceRequestSchema has no such field and refuses it.)
      if (originChange && s.credentialsCiphertext && input.credentials === undefined) {
        throw badField(
          'credentials',
          `must be given again when the base URL moves to another origin (${originChange.from} -> ${originChange.to}); the stored credentials are never sent to a new host`,
        );
      }
      if (input.streamQuery !== undefined || input.baseUrl !== undefined)
        this.checkStream(s.platform, s.streamKind, input.streamQuery !== undefined ? input.streamQuery : s.streamQuery, newBaseUrl);
      if (input.credentials !== undefined) this.checkCredentials(s.platform, input.credentials);
      // Legacy credentials (bound to the workspace only) kept by this write: re-sealed below to this source and origin.
      // One that does not open is left as it is (the poller then asks for the credentials again).
      const legacy =
        input.credentials === undefined && s.credentialsCiphertext && this.box.versionOf(s.credentialsCiphertext) !== 'v2' ? this.openOrNull(s) : null;
      if (input.name !== undefined) s.name = input.name;
      s.baseUrl = newBaseUrl;
      if (input.streamQuery !== undefined) s.streamQuery = input.streamQuery;
      if (input.pollIntervalSeconds !== undefined) s.pollIntervalSeconds = input.pollIntervalSeconds;
      if (input.credentials !== undefined) {
        s.credentialsCiphertext = Object.keys(input.credentials).length ? this.box.seal(JSON.stringify(input.credentials), this.aadOf(s)) : null;
        s.credentialFields = Object.keys(input.credentials).sort();
      } else if (legacy) {
        s.credentialsCiphertext = this.box.seal(JSON.stringify(legacy), this.aadOf(s));
      }
      if (input.enabled !== undefined) s.enabled = input.enabled;
      // New credentials, a re-enable or a new address: poll again now, with a clean slate.
      if (input.credentials !== undefined || input.enabled === true || input.baseUrl !== undefined) {
        s.status = 'idle';
        s.consecutiveFailures = 0;
        s.nextPollAt = new Date();
      }
      const out = await this.sources.save(m, s);
      const changed = Object.keys(input).map((k) => (k === 'credentials' ? 'credentials (replaced)' : k));
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: 'source.updated',
          targetType: 'source',
          targetId: id,
          data: { changed, ...(originChange ? { origin: originChange } : {}) },
          ...meta,
        },
        m,
      );
      return out;
    });
    return toSourceDto(saved, (await this.mentions.countTodayBySource(auth.workspaceId)).get(id) ?? 0);
  }

  async remove(auth: AuthContext, id: string, meta: RequestMeta): Promise<void> {
    await this.sources.transaction(async (m) => {
      await this.lockOwn(m, auth.workspaceId, id);
      await this.sources.deleteInWorkspace(m, auth.workspaceId, id);
      await this.audit.record(
        { workspaceId: auth.workspaceId, actorUserId: auth.userId, action: 'source.deleted', targetType: 'source', targetId: id, ...meta },
        m,
      );
    });
  }

  /** Asks the poller to poll this source at its next tick. */
  async pollNow(auth: AuthContext, id: string): Promise<Source> {
    const s = await this.sources.transaction(async (m) => {
      const row = await this.lockOwn(m, auth.workspaceId, id);
      if (!row.enabled) throw new BadRequestException('This source is disabled; enable it first.');
      row.nextPollAt = new Date();
      return this.sources.save(m, row);
    });
    return toSourceDto(s, (await this.mentions.countTodayBySource(auth.workspaceId)).get(id) ?? 0);
  }

  /**
   * Decrypted credentials for the poller. They open only for this workspace, this source id and
   * the origin of its current base URL (legacy v1 values: for this workspace).
   */
  credentialsOf(s: SourceEntity): Record<string, string> {
    if (!s.credentialsCiphertext) return {};
    try {
      return JSON.parse(this.box.open(s.credentialsCiphertext, this.aadOf(s), s.workspaceId)) as Record<string, string>;
    } catch (cause) {
      throw new CredentialsUnavailableError(cause);
    }
  }

  private openOrNull(s: SourceEntity): Record<string, string> | null {
    try {
      return this.credentialsOf(s);
    } catch (e) {
      if (e instanceof CredentialsUnavailableError) return null;
      throw e;
    }
  }

  private aadOf(s: Pick<SourceEntity, 'workspaceId' | 'id' | 'baseUrl'>): string {
    return sourceCredentialsAad({ workspaceId: s.workspaceId, sourceId: s.id, baseUrl: s.baseUrl });
  }

  private async lockOwn(m: EntityManager, workspaceId: string, id: string): Promise<SourceEntity> {
    const s = await this.sources.findInWorkspaceForUpdate(m, workspaceId, id);
    if (!s) throw new NotFoundException('No such source in this workspace.');
    return s;
  }

  private async checkUrl(url: string): Promise<void> {
    try {
      await assertPublicUrl(url, this.allowedPrivateHosts());
    } catch (e) {
      if (e instanceof UnsafeUrlError) throw badField('baseUrl', e.message);
      throw e;
    }
  }

  private checkStream(platform: SourcePlatform, kind: string, query: string | null, baseUrl: string): void {
    const streams = PLATFORM_STREAMS[platform];
    const stream = streams.find((s) => s.kind === kind);
    if (!stream) throw badField('streamKind', `must be one of ${streams.map((s) => s.kind).join(', ')} for ${platform}`);
    if (stream.query === 'required' && !query) throw badField('streamQuery', `is required for ${platform} ${kind}: ${stream.queryHint ?? 'a query'}`);
    // An RSS feed path is resolved against the base URL: it must stay on that (checked) origin.
    if (platform === 'rss' && query) {
      let resolved: URL | null = null;
      try {
        resolved = new URL(query.trim(), `${baseUrl}/`);
      } catch {
        resolved = null;
      }
      if (!resolved || resolved.origin !== originOf(baseUrl)) {
        throw badField(
          'streamQuery',
          `must be a feed path on the base URL's host and port (${originOf(baseUrl)}), e.g. /feed.xml; to read another site, create a source with that base URL`,
        );
      }
    }
  }

  private checkCredentials(platform: SourcePlatform, credentials: Record<string, string>): void {
    const specs = PLATFORM_CREDENTIALS[platform];
    for (const name of Object.keys(credentials)) {
      if (!specs.some((c) => c.name === name))
        throw badField(`credentials.${name}`, `is not a ${platform} credential (expected ${specs.map((c) => c.name).join(', ') || 'none'})`);
    }
    for (const c of specs) if (c.required && !credentials[c.name]) throw badField(`credentials.${c.name}`, `is required for ${platform} (${c.label})`);
  }
}
