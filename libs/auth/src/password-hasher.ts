import { Inject, Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { APP_SETTINGS, AppSettings } from '@countycare/common';

/** argon2id (the library's default algorithm). Test runs use cheap parameters; production the OWASP baseline. */
@Injectable()
export class PasswordHasher {
  private readonly options: { memoryCost: number; timeCost: number; parallelism: number };
  /** Verified against when the username is unknown, so both paths take as long. */
  private decoy: Promise<string> | undefined;

  constructor(@Inject(APP_SETTINGS) settings: AppSettings) {
    this.options = settings.fastPasswordHashing
      ? { memoryCost: 1024, timeCost: 1, parallelism: 1 }
      : { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
  }

  hash(password: string): Promise<string> {
    return hash(password, this.options);
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  async burn(password: string): Promise<void> {
    this.decoy ??= this.hash('decoy-password-never-used');
    await this.verify(await this.decoy, password);
  }
}
