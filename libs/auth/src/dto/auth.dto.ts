import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'gp1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'CountyCare#2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  refreshToken: string;
}

export class ScopeView {
  @ApiProperty({ nullable: true, type: String }) countyId: string | null;
  @ApiProperty({ nullable: true, type: String }) institutionId: string | null;
  @ApiProperty({ nullable: true, type: String }) teamId: string | null;
  @ApiProperty({ nullable: true, type: String }) residentId: string | null;
}

export class UserView {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['system_admin', 'county_admin', 'institution_admin', 'gp', 'nurse', 'referral_desk', 'resident'] })
  role: string;
  @ApiProperty({ description: 'One role per account', type: [String] }) roles: string[];
  @ApiProperty({ type: ScopeView }) scope: ScopeView;
  @ApiProperty({ description: 'The password was reset by an administrator or is older than 90 days: ask for a new one' })
  passwordChangeDue: boolean;
  @ApiProperty({
    description: 'The password was set by someone else (an administrator\'s reset, or the first admin of a production install): ' +
      'every route but GET /me, POST /auth/password, /auth/logout and /auth/refresh answers 403 password_change_required until it is changed',
  })
  passwordChangeRequired: boolean;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  currentPassword: string;

  @ApiProperty({ description: '8+ characters from 3 of: upper, lower, digits, symbols; not one of the last 5' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  newPassword: string;
}

export class ResetPasswordDto {
  @ApiProperty({ description: 'A temporary password; the user is asked to choose their own at the next sign-in' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  newPassword: string;
}

export class TokenResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: string;
  @ApiProperty({ type: 'integer', description: 'Seconds the access token lives', example: 900 }) expiresIn: number;
  @ApiProperty({ type: UserView }) user: UserView;
}
