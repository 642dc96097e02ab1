import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor, Principal } from '@countycare/common';
import type { FastifyRequest } from 'fastify';

export const IS_PUBLIC = 'countycare:public';
export const SIGN_IN_ROUTE = 'countycare:sign-in';
/** Routes that take a password or a refresh token: they get the stricter sign-in rate limit. */
export const SignInRoute = () => SetMetadata(SIGN_IN_ROUTE, true);
/** A route that needs no sign-in (login, refresh, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
export const ALLOWED_BEFORE_PASSWORD_CHANGE = 'countycare:allowed-before-password-change';
/** A route a user whose password must be changed may still call: who am I, change it, sign out. */
export const AllowedBeforePasswordChange = () => SetMetadata(ALLOWED_BEFORE_PASSWORD_CHANGE, true);

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

export function actorOf(request: AuthenticatedRequest): Actor {
  return { ...request.principal!, requestId: String(request.id), ip: request.ip };
}

/** The signed-in user plus the request's id and address: the first argument of every use case. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor =>
  actorOf(ctx.switchToHttp().getRequest<AuthenticatedRequest>()),
);

/** Request id and address only, for routes used before sign-in. */
export const RequestMetaParam = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  return { requestId: String(request.id), ip: request.ip };
});
