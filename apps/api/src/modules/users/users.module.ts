import { Module } from '@nestjs/common';
import { MembersController } from './members.controller.js';
import { PasswordService } from './password.service.js';
import { ProfileController } from './profile.controller.js';
import { ProfileService } from './profile.service.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

// No import of auth: UsersService ends sessions through USER_SESSIONS, which the (global) AuthModule provides.
@Module({
  controllers: [UsersController, MembersController, ProfileController],
  providers: [UsersService, UsersRepository, PasswordService, ProfileService],
  exports: [UsersRepository, PasswordService],
})
export class UsersModule {}
