import { Injectable, UnauthorizedException } from '@nestjs/common';
import type { UpdateProfileRequestSchema, User } from '@earshot/contracts';
import type { z } from 'zod';
import type { AuthContext } from '../../common/auth-context.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { AuditService } from '../audit/audit.service.js';
import { toUserDto } from './user.mapper.js';
import { UsersRepository } from './users.repository.js';

/**
 * The signed-in user's own profile: the first name and signature templates use. Whoever calls
 * edits only themselves (the id comes from the session, never from the request); null puts
 * the default back (first word of the name, initials).
 */
@Injectable()
export class ProfileService {
  constructor(
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
  ) {}

  async get(auth: AuthContext): Promise<User> {
    const user = await this.users.findInWorkspace(auth.workspaceId, auth.userId);
    if (!user) throw new UnauthorizedException('Sign in first: your session has ended.');
    return toUserDto(user);
  }

  async update(auth: AuthContext, input: z.output<typeof UpdateProfileRequestSchema>, meta: RequestMeta): Promise<User> {
    return this.users.transaction(async (m) => {
      const user = await this.users.findInWorkspaceForUpdate(m, auth.workspaceId, auth.userId);
      if (!user) throw new UnauthorizedException('Sign in first: your session has ended.');
      const changes: Record<string, string | null> = {};
      if (input.firstName !== undefined && input.firstName !== user.firstName) changes.firstName = user.firstName = input.firstName;
      if (input.signature !== undefined && input.signature !== user.signature) changes.signature = user.signature = input.signature;
      if (Object.keys(changes).length === 0) return toUserDto(user);
      const saved = await this.users.save(m, user);
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: 'user.profile_updated',
          targetType: 'user',
          targetId: user.id,
          data: changes,
          ...meta,
        },
        m,
      );
      return toUserDto(saved);
    });
  }
}
