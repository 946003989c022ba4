import { Controller, Get } from '@nestjs/common';
import { WorkspaceMemberListSchema, type WorkspaceMemberList } from '@earshot/contracts';
import type { AuthContext } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { UsersRepository } from './users.repository.js';

/** The active teammates of the caller's workspace, for "assign to". Names and roles only. */
@Controller('workspace/members')
export class MembersController {
  constructor(private readonly users: UsersRepository) {}

  @Get()
  @ApiDoc({ tag: 'users', summary: 'Active teammates (id, name, role) to assign mentions to', response: WorkspaceMemberListSchema })
  async list(@Auth() auth: AuthContext): Promise<WorkspaceMemberList> {
    const rows = await this.users.listMembers(auth.workspaceId);
    return { items: rows.map((r) => ({ id: r.id, name: r.name, role: r.role })) };
  }
}
