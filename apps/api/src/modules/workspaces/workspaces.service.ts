import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { UpdateWorkspaceRequest, Workspace } from '@earshot/contracts';
import type { AuthContext } from '../../common/auth-context.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { AuditService } from '../audit/audit.service.js';
import { WorkspacesRepository } from './workspaces.repository.js';

/** The caller's workspace settings (today: its time zone). */
@Injectable()
export class WorkspacesService {
  constructor(
    private readonly repo: WorkspacesRepository,
    private readonly audit: AuditService,
  ) {}

  /** Sets the time zone analytics and reports bucket in and the weekly report's first weekday; each change audited with the old and new value. */
  async update(auth: AuthContext, body: UpdateWorkspaceRequest, meta: RequestMeta): Promise<Workspace> {
    const zone = body.timeZone?.trim();
    if (zone !== undefined && !(await this.repo.databaseKnowsZone(zone)))
      throw new BadRequestException({
        error: 'Bad Request',
        message: `Invalid request: timeZone ${zone} is not a time zone the database knows`,
        issues: [{ path: 'timeZone', message: 'is not a time zone the database knows' }],
      });
    return this.repo.transaction(async (tx) => {
      if (body.reportWeekStart !== undefined) {
        const previousStart = await this.repo.setReportWeekStart(tx, auth.workspaceId, body.reportWeekStart);
        if (previousStart === null) throw new NotFoundException('Workspace not found');
        if (previousStart !== body.reportWeekStart)
          await this.audit.record(
            {
              workspaceId: auth.workspaceId,
              actorUserId: auth.userId,
              action: 'workspace.report_week_start_changed',
              targetType: 'workspace',
              targetId: auth.workspaceId,
              data: { from: previousStart, to: body.reportWeekStart },
              ...meta,
            },
            tx,
          );
      }
      if (zone === undefined) return (await this.repo.find(auth.workspaceId, tx))!;
      const previous = await this.repo.setTimeZone(tx, auth.workspaceId, zone);
      if (previous === null) throw new NotFoundException('Workspace not found');
      if (previous !== zone)
        await this.audit.record(
          {
            workspaceId: auth.workspaceId,
            actorUserId: auth.userId,
            action: 'workspace.time_zone_changed',
            targetType: 'workspace',
            targetId: auth.workspaceId,
            data: { from: previous, to: zone },
            ...meta,
          },
          tx,
        );
      return (await this.repo.find(auth.workspaceId, tx))!;
    });
  }
}
