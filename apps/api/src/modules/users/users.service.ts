import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { CreateUserRequestSchema, UpdateUserRequestSchema, User } from '@earshot/contracts';
import { isUniqueViolation } from '../../common/db/is-unique-violation.util.js';
import type { z } from 'zod';
import type { AuthContext } from '../../common/auth-context.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { AuditService } from '../audit/audit.service.js';
import { DomainEvents } from '../../common/events/domain-events.js';
import { PasswordService } from './password.service.js';
import { toUserDto } from './user.mapper.js';
import { USER_SESSIONS, type UserSessions } from './user-sessions.port.js';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    @Inject(USER_SESSIONS) private readonly sessions: UserSessions,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  async list(auth: AuthContext): Promise<User[]> {
    return (await this.users.listInWorkspace(auth.workspaceId)).map(toUserDto);
  }

  async create(auth: AuthContext, input: z.output<typeof CreateUserRequestSchema>, meta: RequestMeta): Promise<User> {
    const passwordHash = await this.passwords.hash(input.password);
    try {
      return await this.users.transaction(async (m) => {
        const user = await this.users.insert(m, { workspaceId: auth.workspaceId, email: input.email, name: input.name, role: input.role, passwordHash });
        await this.audit.record(
          {
            workspaceId: auth.workspaceId,
            actorUserId: auth.userId,
            action: 'user.created',
            targetType: 'user',
            targetId: user.id,
            data: { email: user.email, role: user.role },
            ...meta,
          },
          m,
        );
        return toUserDto(user);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new ConflictException(`A user with the e-mail ${input.email} already exists.`);
      throw e;
    }
  }

  async update(auth: AuthContext, id: string, input: z.output<typeof UpdateUserRequestSchema>, meta: RequestMeta): Promise<User> {
    const passwordHash = input.password ? await this.passwords.hash(input.password) : null;
    const endsSessions = { value: false, keep: null as string | null };
    const out = await this.users.transaction(async (m) => {
      const user = await this.users.findInWorkspaceForUpdate(m, auth.workspaceId, id);
      if (!user) throw new NotFoundException('No such user in this workspace.');
      const self = user.id === auth.userId;
      if (self && input.role !== undefined && input.role !== user.role) throw new BadRequestException('You cannot change your own role; ask another admin.');
      if (self && input.active === false) throw new BadRequestException('You cannot deactivate yourself; ask another admin.');
      const losesAdmin = user.role === 'admin' && user.active && ((input.role !== undefined && input.role !== 'admin') || input.active === false);
      if (losesAdmin && (await this.users.countActiveAdmins(m, auth.workspaceId)) <= 1) {
        throw new BadRequestException('The workspace must keep at least one active admin.');
      }
      const changes: Record<string, unknown> = {};
      if (input.name !== undefined && input.name !== user.name) changes.name = user.name = input.name;
      if (input.role !== undefined && input.role !== user.role) changes.role = user.role = input.role;
      if (input.active !== undefined && input.active !== user.active) changes.active = user.active = input.active;
      if (passwordHash) {
        user.passwordHash = passwordHash;
        changes.password = 'changed';
      }
      const saved = await this.users.save(m, user);
      // A new password or deactivation ends every session of that user at once.
      if (passwordHash || input.active === false) {
        endsSessions.value = true;
        endsSessions.keep = self && passwordHash ? auth.sessionId : null;
        await this.sessions.revokeAllForUser(m, user.id, endsSessions.keep);
      }
      await this.audit.record(
        { workspaceId: auth.workspaceId, actorUserId: auth.userId, action: 'user.updated', targetType: 'user', targetId: user.id, data: changes, ...meta },
        m,
      );
      return toUserDto(saved);
    });
    // After commit: their open sockets close too (the same sessions).
    if (endsSessions.value) this.events.emit('sessions.ended', { userId: id, keepSessionId: endsSessions.keep });
    return out;
  }
}
