import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth-context.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { AuditService } from '../audit/audit.service.js';
import { DemoDataRepository, type DemoDataCounts } from './demo-data.repository.js';

/** Clears the first-start demo's data from the caller's workspace. */
@Injectable()
export class DemoDataService {
  constructor(
    private readonly repo: DemoDataRepository,
    private readonly audit: AuditService,
  ) {}

  /** One transaction: the deletes and their audit entry (with the counts) commit together or not at all. */
  clear(auth: AuthContext, meta: RequestMeta): Promise<DemoDataCounts> {
    return this.repo.transaction(async (tx) => {
      const counts = await this.repo.clear(tx, auth.workspaceId);
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: 'workspace.demo_data_cleared',
          targetType: 'workspace',
          targetId: auth.workspaceId,
          data: { ...counts },
          ...meta,
        },
        tx,
      );
      return counts;
    });
  }
}
