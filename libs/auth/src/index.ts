export * from './user.entity';
export * from './session.entity';
export * from './users.service';
export * from './auth.service';
export { PRINCIPAL_CACHE_MS } from './principal-cache';
export * from './password-hasher';
export * from './policy/app-ability';
export * from './policy/policy.service';
export * from './http/decorators';
export * from './http/auth.controller';
export * from './auth.module';

import { AuthSession, RefreshToken } from './session.entity';
import { User } from './user.entity';
export const AUTH_ENTITIES = [User, AuthSession, RefreshToken];
export * from './dto/auth.dto';
