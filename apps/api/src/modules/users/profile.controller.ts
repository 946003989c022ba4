import { Body, Controller, Get, Patch, Req } from '@nestjs/common';
import { UpdateProfileRequestSchema, UserSchema, type User } from '@earshot/contracts';
import type { z } from 'zod';
import type { AuthContext, AuthedRequest } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { requestMeta } from '../../common/request-meta.util.js';
import { ProfileService } from './profile.service.js';

/** `/api/profile`: every signed-in user, about themselves only. */
@Controller('profile')
export class ProfileController {
  constructor(private readonly profile: ProfileService) {}

  @Get()
  @ApiDoc({ tag: 'users', summary: 'Your own profile, with the first name and signature your replies use', response: UserSchema })
  get(@Auth() auth: AuthContext): Promise<User> {
    return this.profile.get(auth);
  }

  @Patch()
  @ApiDoc({
    tag: 'users',
    summary: 'Set your first name or signature for templates and sign-offs; null puts back the default (first word of your name, your initials)',
    body: UpdateProfileRequestSchema,
    response: UserSchema,
  })
  update(
    @Auth() auth: AuthContext,
    @Body(new ZodValidationPipe(UpdateProfileRequestSchema)) body: z.output<typeof UpdateProfileRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<User> {
    return this.profile.update(auth, body, requestMeta(req));
  }
}
