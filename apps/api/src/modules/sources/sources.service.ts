import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PLATFORM_CREDENTIALS, PLATFORM_STREAMS, type CreateSourceRequestSchema, type Source, type SourcePlatform, type UpdateSourceRequestSchema } from '@earshot/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { AuthContext } from '../../common/auth-context.js';
import { SECRET_BOX, SecretBox } from '../../common/crypto/secret-box.js';
import { assertPublicUrl, UnsafeUrlError } from '../../common/net/ssrf-guard.js';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { AuditService } from '../audit/audit.service.js';
import { MentionEntity } from '../mentions/mention.entity.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { SourceEntity } from './source.entity.js';
import { toSourceDto } from './source.mapper.js';

const badField = (path: string, message: string) => new BadRequestException({ error: 'Bad Request', message: `Invalid request: ${path} ${message}`, issues: [{ path, message }] });

@Injectable()
export class SourcesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /** Hosts sources may reach although private: the configured list plus the local simulator. */
  allowedPrivateHosts(): string[] {
    const sim = this.config.socialSimUrl;
    return [...this.config.allowedPrivateHosts, ...(sim ? [sim.host.toLowerCase(), sim.hostname.toLowerCase()] : [])];
  }

  async list(auth: AuthContext): Promise<Source[]> {
    const rows = await this.dataSource.getRepository(SourceEntity).find({ where: { workspaceId: auth.workspaceId }, order: { createdAt: 'ASC' } });
    const counts = await this.mentionsToday(auth.workspaceId);
    return rows.map((s) => toSourceDto(s, counts.get(s.id) ?? 0));
  }

  async create(auth: AuthContext, input: z.output<typeof CreateSourceRequestSchema>, meta: RequestMeta): Promise<Source> {
    await this.checkUrl(input.baseUrl);
    this.checkStream(input.platform, input.streamKind, input.streamQuery);
    this.checkCredentials(input.platform, input.credentials);
    const saved = await this.dataSource.transaction(async (m) => {
      const row = m.create(SourceEntity, {
        workspaceId: auth.workspaceId,
        name: input.name,
        platform: input.platform,
        baseUrl: input.baseUrl.replace(/\/+$/, ''),
        streamKind: input.streamKind,
        streamQuery: input.streamQuery,
        credentialsCiphertext: Object.keys(input.credentials).length ? this.box.seal(JSON.stringify(input.credentials), auth.workspaceId) : null,
        credentialFields: Object.keys(input.credentials).sort(),
        enabled: input.enabled,
        pollIntervalSeconds: input.pollIntervalSeconds,
        cursor: null,
        status: 'idle',
        nextPollAt: new Date(),
        consecutiveFailures: 0,
      });
      const s = await m.save(row);
      await this.audit.record({ workspaceId: auth.workspaceId, actorUserId: auth.userId, action: 'source.created', targetType: 'source', targetId: s.id, data: { platform: s.platform, baseUrl: s.baseUrl, stream: s.streamKind, credentialFields: s.credentialFields }, ...meta }, m);
      return s;
    });
    return toSourceDto(saved, 0);
  }

  async update(auth: AuthContext, id: string, input: z.output<typeof UpdateSourceRequestSchema>, meta: RequestMeta): Promise<Source> {
    if (input.baseUrl !== undefined) await this.checkUrl(input.baseUrl);
    const saved = await this.dataSource.transaction(async (m) => {
      const s = await this.lockOwn(m, auth.workspaceId, id);
      if (input.streamQuery !== undefined) this.checkStream(s.platform, s.streamKind, input.streamQuery);
      if (input.credentials !== undefined) this.checkCredentials(s.platform, input.credentials);
      if (input.name !== undefined) s.name = input.name;
      if (input.baseUrl !== undefined) s.baseUrl = input.baseUrl.replace(/\/+$/, '');
      if (input.streamQuery !== undefined) s.streamQuery = input.streamQuery;
      if (input.pollIntervalSeconds !== undefined) s.pollIntervalSeconds = input.pollIntervalSeconds;
      if (input.credentials !== undefined) {
        s.credentialsCiphertext = Object.keys(input.credentials).length ? this.box.seal(JSON.stringify(input.credentials), auth.workspaceId) : null;
        s.credentialFields = Object.keys(input.credentials).sort();
      }
      if (input.enabled !== undefined) s.enabled = input.enabled;
      // New credentials, a re-enable or a new address: poll again now, with a clean slate.
      if (input.credentials !== undefined || input.enabled === true || input.baseUrl !== undefined) {
        s.status = 'idle';
        s.consecutiveFailures = 0;
        s.nextPollAt = new Date();
      }
      const out = await m.save(s);
      const changed = Object.keys(input).map((k) => (k === 'credentials' ? 'credentials (replaced)' : k));
      await this.audit.record({ workspaceId: auth.workspaceId, actorUserId: auth.userId, action: 'source.updated', targetType: 'source', targetId: id, data: { changed }, ...meta }, m);
      return out;
    });
    return toSourceDto(saved, (await this.mentionsToday(auth.workspaceId)).get(id) ?? 0);
  }

  async remove(auth: AuthContext, id: string, meta: RequestMeta): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.lockOwn(m, auth.workspaceId, id);
      await m.delete(SourceEntity, { workspaceId: auth.workspaceId, id });
      await this.audit.record({ workspaceId: auth.workspaceId, actorUserId: auth.userId, action: 'source.deleted', targetType: 'source', targetId: id, ...meta }, m);
    });
  }

  /** Asks the poller to poll this source at its next tick. */
  async pollNow(auth: AuthContext, id: string): Promise<Source> {
    const s = await this.dataSource.transaction(async (m) => {
      const row = await this.lockOwn(m, auth.workspaceId, id);
      if (!row.enabled) throw new BadRequestException('This source is disabled; enable it first.');
      row.nextPollAt = new Date();
      return m.save(row);
    });
    return toSourceDto(s, (await this.mentionsToday(auth.workspaceId)).get(id) ?? 0);
  }

  /** Decrypted credentials for the poller. */
  credentialsOf(s: SourceEntity): Record<string, string> {
    return s.credentialsCiphertext ? (JSON.parse(this.box.open(s.credentialsCiphertext, s.workspaceId)) as Record<string, string>) : {};
  }

  private async lockOwn(m: EntityManager, workspaceId: string, id: string): Promise<SourceEntity> {
    const s = await m.findOne(SourceEntity, { where: { workspaceId, id }, lock: { mode: 'pessimistic_write' } });
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

  private checkStream(platform: SourcePlatform, kind: string, query: string | null): void {
    const streams = PLATFORM_STREAMS[platform];
    const stream = streams.find((s) => s.kind === kind);
    if (!stream) throw badField('streamKind', `must be one of ${streams.map((s) => s.kind).join(', ')} for ${platform}`);
    if (stream.query === 'required' && !query) throw badField('streamQuery', `is required for ${platform} ${kind}: ${stream.queryHint ?? 'a query'}`);
  }

  private checkCredentials(platform: SourcePlatform, credentials: Record<string, string>): void {
    const specs = PLATFORM_CREDENTIALS[platform];
    for (const name of Object.keys(credentials)) {
      if (!specs.some((c) => c.name === name)) throw badField(`credentials.${name}`, `is not a ${platform} credential (expected ${specs.map((c) => c.name).join(', ') || 'none'})`);
    }
    for (const c of specs) if (c.required && !credentials[c.name]) throw badField(`credentials.${c.name}`, `is required for ${platform} (${c.label})`);
  }

  private async mentionsToday(workspaceId: string): Promise<Map<string, number>> {
    const since = new Date();
    since.setUTCHours(0, 0, 0, 0);
    const rows = await this.dataSource
      .getRepository(MentionEntity)
      .createQueryBuilder('m')
      .select('m.source_id', 'source_id')
      .addSelect('count(*)::int', 'n')
      .where('m.workspace_id = :workspaceId AND m.created_at >= :since', { workspaceId, since })
      .groupBy('m.source_id')
      .getRawMany<{ source_id: string | null; n: number }>();
    return new Map(rows.filter((r) => r.source_id).map((r) => [r.source_id!, Number(r.n)]));
  }
}
