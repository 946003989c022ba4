import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { USER_SESSIONS } from '../users/user-sessions.port.js';
import { UsersModule } from '../users/users.module.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { SessionsRepository } from './sessions.repository.js';

/**
 * Global so that users (and any feature) can end sessions through the USER_SESSIONS port without
 * importing auth: auth depends on users (accounts, passwords), never the reverse.
 */
@Global()
@Module({
  imports: [UsersModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    LoginThrottleService,
    SessionsRepository,
    { provide: USER_SESSIONS, useExisting: SessionsRepository },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, SessionsRepository, LoginThrottleService, USER_SESSIONS, UsersModule],
})
export class AuthModule {}
