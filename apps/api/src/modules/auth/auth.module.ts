import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersRepository } from '../users/users.repository.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { PasswordService } from './password.service.js';
import { SessionsRepository } from './sessions.repository.js';

@Module({
  controllers: [AuthController],
  providers: [AuthService, PasswordService, LoginThrottleService, SessionsRepository, UsersRepository, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, PasswordService, SessionsRepository, UsersRepository, LoginThrottleService],
})
export class AuthModule {}
