import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createSecretKey } from 'node:crypto';
import { APP_SETTINGS, AppSettings, registerMessages } from '@countycare/common';
import { AuthService } from './auth.service';
import { AuthController, MeController } from './http/auth.controller';
import { AuthGuard } from './http/auth.guard';
import { PasswordHasher } from './password-hasher';
import { Policy } from './policy/policy.service';
import { PrincipalCache } from './principal-cache';
import { AuthSession, RefreshToken } from './session.entity';
import { User } from './user.entity';
import { UsersService } from './users.service';

registerMessages({
  password_change_required: {
    'zh-CN': '请先修改密码：管理员设置的初始或重置密码须由本人修改后才能继续使用',
    en: 'change your password first: a password set by an administrator must be replaced before anything else',
  },
});

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([User, AuthSession, RefreshToken]),
    JwtModule.registerAsync({
      inject: [APP_SETTINGS],
      // A KeyObject, not the string: jsonwebtoken otherwise tries (and fails) to parse the secret as a public key on
      // every verification, which cost a third of an authenticated request's CPU.
      useFactory: (settings: AppSettings) => ({
        secret: createSecretKey(Buffer.from(settings.jwtSecret, 'utf8')),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  controllers: [AuthController, MeController],
  providers: [AuthService, UsersService, PasswordHasher, Policy, PrincipalCache, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, UsersService, PasswordHasher, Policy],
})
export class AuthModule {}
