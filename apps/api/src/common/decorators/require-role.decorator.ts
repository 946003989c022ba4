import { SetMetadata } from '@nestjs/common';
import type { Role } from '@earshot/contracts';

export const MIN_ROLE = 'earshot:min-role';
/** The least powerful role allowed on this route (roles rank admin > manager > agent > trainee > viewer). */
export const RequireRole = (role: Role) => SetMetadata(MIN_ROLE, role);
