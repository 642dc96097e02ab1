import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '@countycare/common';
import { AuthService } from '../auth.service';
import { ALLOWED_BEFORE_PASSWORD_CHANGE, AuthenticatedRequest, IS_PUBLIC } from './decorators';

/**
 * Every route needs a valid bearer token of an open session unless marked
 * @Public(). While a password set by someone else (an admin's reset, the
 * first admin's ADMIN_PASSWORD) is unchanged, only the routes marked
 * @AllowedBeforePasswordChange() answer: whoever learnt that password cannot
 * use the account for anything but choosing a new one.
 */
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
    const allowed = this.reflector.getAllAndOverride<boolean>(ALLOWED_BEFORE_PASSWORD_CHANGE, [context.getHandler(), context.getClass()]);
    if (principal.passwordChangeRequired && !allowed) throw new ProblemException(403, 'password_change_required');
    return true;
  }
}
