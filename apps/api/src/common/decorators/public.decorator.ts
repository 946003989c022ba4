import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'earshot:public';
/** Marks a route that needs no signed-in user (login, health, docs). Everything else does. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
