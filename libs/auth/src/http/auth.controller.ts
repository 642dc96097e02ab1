import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { ApiProblems } from '@countycare/common';
import type { Actor, Principal } from '@countycare/common';
import { AuthService, RequestMeta } from '../auth.service';
import { LoginDto, RefreshDto, TokenResponse, UserView } from '../dto/auth.dto';
import { User } from '../user.entity';
import { CurrentActor, Public, RequestMetaParam } from './decorators';

export function userView(user: Pick<User, 'id' | 'username' | 'displayName' | 'role' | 'countyId' | 'institutionId' | 'teamId' | 'residentId'>): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    roles: [user.role],
    scope: { countyId: user.countyId, institutionId: user.institutionId, teamId: user.teamId, residentId: user.residentId },
  };
}

function principalView(p: Principal): UserView {
  return userView({ ...p, id: p.userId });
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Throttle({ default: { limit: 30, ttl: 60_000 } })
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; 5 failures lock the account for 30 minutes (423)' })
  @ApiOkResponse({ type: TokenResponse })
  @ApiProblems(400, 401, 423, 429)
  async login(@Body() body: LoginDto, @RequestMetaParam() meta: RequestMeta): Promise<TokenResponse> {
    const { tokens, user } = await this.auth.login(body.username, body.password, meta);
    return { ...tokens, user: userView(user) };
  }

  @Public()
  @Throttle({ default: { limit: 60, ttl: 60_000 } })
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate the refresh token; reusing a spent one revokes the whole session' })
  @ApiOkResponse({ type: TokenResponse })
  @ApiProblems(400, 401, 429)
  async refresh(@Body() body: RefreshDto, @RequestMetaParam() meta: RequestMeta): Promise<TokenResponse> {
    const { tokens, user } = await this.auth.refresh(body.refreshToken, meta);
    return { ...tokens, user: userView(user) };
  }

  @ApiBearerAuth()
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
  @Get()
  @ApiOperation({ summary: 'The signed-in user, role and scope' })
  @ApiOkResponse({ type: UserView })
  @ApiProblems(401)
  me(@CurrentActor() actor: Actor): UserView {
    return principalView(actor);
  }
}
