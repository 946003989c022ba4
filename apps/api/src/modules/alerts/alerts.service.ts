import { Injectable, NotFoundException } from '@nestjs/common';
import type { AlertEvent, AlertList, AlertListFilters } from '@earshot/contracts';
import type { AuthContext } from '../../common/auth-context.js';
import { toAlertDto } from './alert.mapper.js';
import { AlertsRepository } from './alerts.repository.js';

/** Reading alerts (every role): the list a client catches up with, and one alert with its inbox filter. */
@Injectable()
export class AlertsService {
  constructor(private readonly repo: AlertsRepository) {}

  async list(auth: AuthContext, q: AlertListFilters): Promise<AlertList> {
    const since = q.since ?? null;
    const bySeq = since !== null && /^\d+$/.test(since);
    const [rows, seq] = await Promise.all([
      this.repo.listAlerts({
        workspaceId: auth.workspaceId,
        status: q.status,
        sinceSeq: bySeq ? Number(since) : null,
        sinceTime: since !== null && !bySeq ? new Date(since) : null,
        limit: q.limit,
      }),
      this.repo.maxSeq(auth.workspaceId),
    ]);
    const page = rows.slice(0, q.limit);
    const names = await this.repo.brandNames(auth.workspaceId, [...new Set(page.map((r) => r.brandId))]);
    const now = new Date();
    return { alerts: page.map((r) => toAlertDto(r, names.get(r.brandId) ?? '', now)), seq, hasMore: rows.length > q.limit };
  }

  async get(auth: AuthContext, id: string): Promise<AlertEvent> {
    const row = await this.repo.findAlert(auth.workspaceId, id);
    if (!row) throw new NotFoundException('No such alert in this workspace.');
    const names = await this.repo.brandNames(auth.workspaceId, [row.brandId]);
    return toAlertDto(row, names.get(row.brandId) ?? '', new Date());
  }
}
