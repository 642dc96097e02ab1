import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { APP_SETTINGS, AppSettings, isUniqueViolation, StartupError, newId, ProblemException } from '@countycare/common';
import { isStrongPassword, nextPasswordHistory, Role } from '@countycare/domain';
import { EntityManager, Repository } from 'typeorm';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  displayName: string;
  phone?: string | null;
  countyId?: string | null;
  institutionId?: string | null;
  teamId?: string | null;
  residentId?: string | null;
  /** The password was chosen by someone else: the user must replace it before anything else. */
  mustChangePassword?: boolean;
}

/** User accounts: creation with the password policy, lookups for other contexts, the first system admin. */
@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly hasher: PasswordHasher,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  /** Creates an account inside the caller's transaction. 409 if the username (or the resident's account) exists. */
  async create(em: EntityManager, input: NewUser): Promise<User> {
    if (!isStrongPassword(input.password)) {
      throw new ProblemException(400, 'validation_failed', { count: 1 }, [{ field: 'password', code: 'password_weak' }]);
    }
    const now = new Date();
    const user = em.create(User, {
      id: newId(),
      username: input.username.trim().toLowerCase(),
      passwordHash: await this.hasher.hash(input.password),
      role: input.role,
      displayName: input.displayName,
      phone: input.phone ?? null,
      countyId: input.countyId ?? null,
      institutionId: input.institutionId ?? null,
      teamId: input.teamId ?? null,
      residentId: input.residentId ?? null,
      status: 'active',
      failedLoginCount: 0,
      lockedUntil: null,
      passwordChangedAt: now,
      passwordHistory: [],
      mustChangePassword: input.mustChangePassword ?? false,
    });
    try {
      await em.insert(User, user);
    } catch (e) {
      if (isUniqueViolation(e)) throw ProblemException.conflict(input.residentId ? 'resident_account_exists' : 'username_taken');
      throw e;
    }
    return user;
  }

  /**
   * Sets a new password inside the caller's transaction: strong, and neither
   * the current one nor one of the last five (domain.md §7.7). An
   * administrator's reset also clears a lockout and asks the user to choose
   * their own password at the next sign-in.
   */
  async setPassword(em: EntityManager, user: User, password: string, how: { byAdmin: boolean; now: Date }): Promise<void> {
    if (!isStrongPassword(password)) {
      throw new ProblemException(400, 'validation_failed', { count: 1 }, [{ field: 'newPassword', code: 'password_weak' }]);
    }
    const history = user.passwordHistory ?? [];
    for (const hash of [user.passwordHash, ...history]) {
      if (await this.hasher.verify(hash, password)) {
        throw new ProblemException(400, 'validation_failed', { count: 1 }, [{ field: 'newPassword', code: 'password_reused' }]);
      }
    }
    await em.update(User, { id: user.id }, {
      passwordHash: await this.hasher.hash(password),
      passwordHistory: nextPasswordHistory(history, user.passwordHash),
      passwordChangedAt: how.now,
      mustChangePassword: how.byAdmin,
      ...(how.byAdmin ? { failedLoginCount: 0, lockedUntil: null } : {}),
    });
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByIds(ids: string[]): Promise<User[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.users.createQueryBuilder('u').where('u.id IN (:...ids)', { ids }).getMany();
  }

  repository(): Repository<User> {
    return this.users;
  }

  /**
   * The first system admin, from ADMIN_USERNAME / ADMIN_PASSWORD, when no
   * account exists yet (api.md "Bootstrap"). Called once at start. In
   * production (DATABASE_URL set) that password sat in a deployment file, so
   * the admin must replace it at the first sign-in.
   */
  async ensureFirstAdmin(): Promise<void> {
    if ((await this.users.count({ take: 1 })) > 0) return;
    const admin = this.settings.admin;
    if (!admin) {
      throw new StartupError('ADMIN_USERNAME and ADMIN_PASSWORD: required, because no user exists yet');
    }
    if (!isStrongPassword(admin.password)) {
      throw new StartupError('ADMIN_PASSWORD: needs at least 8 characters from 3 of upper case, lower case, digits, symbols');
    }
    try {
      await this.users.manager.transaction((em) =>
        this.create(em, {
          username: admin.username, password: admin.password, role: 'system_admin', displayName: 'System administrator',
          mustChangePassword: this.settings.production,
        }),
      );
    } catch (e) {
      // Two API replicas started together on an empty database: the other one created it.
      if (e instanceof ProblemException && e.code === 'username_taken') return;
      throw e;
    }
    this.logger.log(`created the first system admin "${admin.username.toLowerCase()}"`);
  }
}
