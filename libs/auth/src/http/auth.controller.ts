import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@countycare/common';
import type { Actor, Principal } from '@countycare/common';
import { AuthService, RequestMeta } from '../auth.service';
import { ChangePasswordDto, LoginDto, RefreshDto, TokenResponse, UserView } from '../dto/auth.dto';
import { User } from '../user.entity';
import { AllowedBeforePasswordChange, CurrentActor, Public, RequestMetaParam, SignInRoute } from './decorators';

type UserFields = Pick<User, 'id' | 'username' | 'displayName' | 'role' | 'countyId' | 'institutionId' | 'teamId' | 'residentId' | 'mustChangePassword'>;

export function userView(user: UserFields, passwordDue = false): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    roles: [user.role],
    scope: { countyId: user.countyId, institutionId: user.institutionId, teamId: user.teamId, residentId: user.residentId },
    passwordChangeDue: passwordDue,
    passwordChangeRequired: !!user.mustChangePassword,
  };
}

function principalView(p: Principal): UserView {
  return userView({ ...p, id: p.userId, mustChangePassword: p.passwordChangeRequired ?? false }, p.passwordChangeDue ?? false);
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @SignInRoute()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; 5 failures lock the account for 30 minutes (423)' })
  @ApiOkResponse({ type: TokenResponse })
  @ApiProblems(400, 401, 423, 429)
  async login(@Body() body: LoginDto, @RequestMetaParam() meta: RequestMeta): Promise<TokenResponse> {
    const { tokens, user, passwordChangeDue } = await this.auth.login(body.username, body.password, meta);
    return { ...tokens, user: userView(user, passwordChangeDue) };
  }

  @Public()
  @SignInRoute()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate the refresh token; reusing a spent one revokes the whole session' })
  @ApiOkResponse({ type: TokenResponse })
  @ApiProblems(400, 401, 429)
  async refresh(@Body() body: RefreshDto, @RequestMetaParam() meta: RequestMeta): Promise<TokenResponse> {
    const { tokens, user, passwordChangeDue } = await this.auth.refresh(body.refreshToken, meta);
    return { ...tokens, user: userView(user, passwordChangeDue) };
  }

  @ApiBearerAuth()
  @AllowedBeforePasswordChange()
  @Post('password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change my password (not one of the last 5); my other sessions end' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401)
  async changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(actor, body.currentPassword, body.newPassword);
  }

  @ApiBearerAuth()
  @AllowedBeforePasswordChange()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End this session: its refresh tokens and access tokens stop working' })
  @ApiNoContentResponse()
  @ApiProblems(401)
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.logout(actor);
  }
}

@ApiTags('auth')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  @AllowedBeforePasswordChange()
  @Get()
  @ApiOperation({ summary: 'The signed-in user, role and scope' })
  @ApiOkResponse({ type: UserView })
  @ApiProblems(401)
  me(@CurrentActor() actor: Actor): UserView {
    return principalView(actor);
  }
}
