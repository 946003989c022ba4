import { SetMetadata } from '@nestjs/common';

export const ALLOW_PENDING_PASSWORD_CHANGE = 'earshot:allow-pending-password-change';

/**
 * Marks the few routes a user who must change their generated password may still call
 * (change password, who am I; logout is public). Every other route answers 403 until then.
 */
export const AllowPendingPasswordChange = () => SetMetadata(ALLOW_PENDING_PASSWORD_CHANGE, true);

export const PASSWORD_CHANGE_REQUIRED = 'password_change_required';
export const PASSWORD_CHANGE_REQUIRED_MESSAGE =
  'Change your password first: this account still has the password generated at first start. Choose your own with POST /api/auth/password {"currentPassword","newPassword"} (the dashboard asks for it after sign-in).';
