import { Body, Controller, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import {
  CreateUserRequestSchema,
  IdParamsSchema,
  UpdateUserRequestSchema,
  UserListSchema,
  UserSchema,
  type IdParams,
  type User,
  type UserList,
} from '@earshot/contracts';
import type { z } from 'zod';
import type { AuthContext, AuthedRequest } from '../../common/auth-context.js';
import { requestMeta } from '../../common/request-meta.util.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { RequireRole } from '../../common/decorators/require-role.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { UsersService } from './users.service.js';

@Controller('users')
@RequireRole('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiDoc({ tag: 'users', summary: 'List the users of your workspace', response: UserListSchema })
  async list(@Auth() auth: AuthContext): Promise<UserList> {
    return { items: await this.users.list(auth) };
  }

  @Post()
  @HttpCode(201)
  @ApiDoc({ tag: 'users', summary: 'Add a user to your workspace', body: CreateUserRequestSchema, response: UserSchema, status: 201 })
  create(
    @Auth() auth: AuthContext,
    @Body(new ZodValidationPipe(CreateUserRequestSchema)) body: z.output<typeof CreateUserRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<User> {
    return this.users.create(auth, body, requestMeta(req));
  }

  @Patch(':id')
  @ApiDoc({ tag: 'users', summary: "Change a user's name, role, password or active flag", body: UpdateUserRequestSchema, response: UserSchema })
  update(
    @Auth() auth: AuthContext,
    @Param(new ZodValidationPipe(IdParamsSchema)) params: IdParams,
    @Body(new ZodValidationPipe(UpdateUserRequestSchema)) body: z.output<typeof UpdateUserRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<User> {
    return this.users.update(auth, params.id, body, requestMeta(req));
  }
}
