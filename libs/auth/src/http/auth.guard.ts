import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '@countycare/common';
import { AuthService } from '../auth.service';
import { AuthenticatedRequest, IS_PUBLIC } from './decorators';

/** Every route needs a valid bearer token of an open session unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (!header) throw new ProblemException(401, 'unauthenticated', {}, [], { 'www-authenticate': 'Bearer' });
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new ProblemException(401, 'token_invalid', {}, [], { 'www-authenticate': 'Bearer error="invalid_token"' });
    }
    const principal = await this.auth.principalFor(token);
    if (!principal) throw new ProblemException(401, 'token_invalid', {}, [], { 'www-authenticate': 'Bearer error="invalid_token"' });
    request.principal = principal;
    return true;
  }
}
