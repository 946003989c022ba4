import { Body, Controller, Patch, Req } from '@nestjs/common';
import { UpdateWorkspaceRequestSchema, WorkspaceSchema, type UpdateWorkspaceRequest, type Workspace } from '@earshot/contracts';
import type { AuthContext, AuthedRequest } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { RequireRole } from '../../common/decorators/require-role.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { requestMeta } from '../../common/request-meta.util.js';
import { WorkspacesService } from './workspaces.service.js';

/** The caller's own workspace. */
@Controller('workspace')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Patch()
  @RequireRole('manager')
  @ApiDoc({
    tag: 'workspace',
    summary: "Change the workspace's settings: its IANA time zone, which analytics buckets and reports use",
    body: UpdateWorkspaceRequestSchema,
    response: WorkspaceSchema,
  })
  update(
    @Auth() auth: AuthContext,
    @Body(new ZodValidationPipe(UpdateWorkspaceRequestSchema)) body: UpdateWorkspaceRequest,
    @Req() req: AuthedRequest,
  ): Promise<Workspace> {
    return this.workspaces.update(auth, body, requestMeta(req));
  }
}
