import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditService } from '@countycare/audit';
import { Policy } from '@countycare/auth';
import { Actor, isUniqueViolation, keysetPage, mapPage, newId, Page, ProblemException, TtlCache } from '@countycare/common';
import { TransactionRunner } from '@countycare/database';
import { assertPackageItems, packagePricing } from '@countycare/domain';
import { OrganizationsService } from '@countycare/organizations';
import { EntityManager, In, Repository } from 'typeorm';
import { CreateServicePackageDto, ServicePackageQueryDto } from './dto/packages.dto';
import { packageView, ServicePackageView } from './http/views';
import { PackageItem, ServicePackage } from './service-package.entity';

export interface PackageWithItems {
  pkg: ServicePackage;
  items: PackageItem[];
}

/** The county's service packages (服务包, domain.md §3.1). */
/** A package definition is immutable; the bound only keeps memory honest should packages ever become editable. */
export const PACKAGE_CACHE_MS = 5 * 60_000;

@Injectable()
export class ServicePackagesService {
  private readonly cache = new TtlCache<string, PackageWithItems>(PACKAGE_CACHE_MS);

  constructor(
    @InjectRepository(ServicePackage) private readonly packages: Repository<ServicePackage>,
    @InjectRepository(PackageItem) private readonly items: Repository<PackageItem>,
    private readonly orgs: OrganizationsService,
    private readonly policy: Policy,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  async create(actor: Actor, dto: CreateServicePackageDto): Promise<ServicePackageView> {
    this.policy.assertRole(actor, 'create', 'ServicePackage');
    const countyId = dto.countyId ?? actor.countyId;
    if (!countyId) throw ProblemException.invalid('countyId', 'isDefined');
    const county = await this.orgs.findCounty(countyId);
    if (!county || !this.policy.can(actor, 'create', 'ServicePackage', { countyId })) throw ProblemException.notFound('county');
    const items = dto.items.map((i) => ({ ...i, requiredData: i.requiredData ?? [] }));
    assertPackageItems(items);
    const { priceFen, selfPayFen } = packagePricing(dto);
    const pkg = this.packages.create({
      id: newId(), countyId, ownerInstitutionId: actor.institutionId, code: dto.code, name: dto.name.trim(), kind: dto.kind,
      targetPopulations: dto.targetPopulations ?? [], priceFen, selfPayFen, active: dto.active ?? true, createdById: actor.userId,
    });
    const rows = items.map((i, position) => this.items.create({
      id: newId(), countyId, packageId: pkg.id, code: i.code, name: i.name.trim(), timesPerYear: i.timesPerYear, modality: i.modality,
      requiredData: i.requiredData, position,
    }));
    await this.tx.run(async (em) => {
      try {
        await em.insert(ServicePackage, pkg);
      } catch (e) {
        if (isUniqueViolation(e)) throw ProblemException.conflict('package_code_taken', { code: dto.code });
        throw e;
      }
      await em.insert(PackageItem, rows);
      await this.audit.record(actor, {
        action: 'create', resourceType: 'service_package', resourceId: pkg.id, countyId, detail: { code: pkg.code, items: rows.length },
      }, em);
    });
    pkg.version = 1;
    return packageView(pkg, rows);
  }

  async list(actor: Actor, query: ServicePackageQueryDto): Promise<Page<ServicePackageView>> {
    const qb = this.packages.createQueryBuilder('p');
    const scope = this.policy.scopeWhere(actor, 'read', 'ServicePackage', 'p');
    if (scope) qb.andWhere(scope);
    if (query.countyId) qb.andWhere('p.countyId = :countyId', { countyId: query.countyId });
    if (query.kind) qb.andWhere('p.kind = :kind', { kind: query.kind });
    if (query.active) qb.andWhere('p.active = :active', { active: query.active === 'true' });
    const page = await keysetPage(qb, [{ column: 'p.id', direction: 'ASC', value: (p) => p.id }], query);
    const items = await this.itemsOf(page.items.map((p) => p.id));
    return mapPage(page, (p) => packageView(p, items.get(p.id) ?? []));
  }

  async get(actor: Actor, id: string): Promise<ServicePackageView> {
    const pkg = await this.packages.findOneBy({ id });
    this.policy.assertCan(actor, 'read', 'ServicePackage', pkg, 'service package');
    return packageView(pkg!, (await this.itemsOf([id])).get(id) ?? []);
  }

  /**
   * Packages with their items, keyed by id. A package never changes once
   * created (no route edits one), so the definitions are kept in memory: the
   * contract reads and service logs that need them on every request load
   * each package once per PACKAGE_CACHE_MS instead of twice per request.
   */
  async withItems(ids: string[], em?: EntityManager): Promise<Map<string, PackageWithItems>> {
    return this.cache.getMany(ids, async (missing) => {
      const pkgs = await (em?.getRepository(ServicePackage) ?? this.packages).findBy({ id: In(missing) });
      const items = await this.itemsOf(pkgs.map((p) => p.id), em);
      return pkgs.map((pkg): [string, PackageWithItems] => [pkg.id, { pkg, items: items.get(pkg.id) ?? [] }]);
    });
  }

  private async itemsOf(packageIds: string[], em?: EntityManager): Promise<Map<string, PackageItem[]>> {
    const map = new Map<string, PackageItem[]>();
    if (packageIds.length === 0) return map;
    const repo = em?.getRepository(PackageItem) ?? this.items;
    const rows = await repo.find({ where: { packageId: In(packageIds) }, order: { packageId: 'ASC', position: 'ASC' } });
    for (const row of rows) map.set(row.packageId, [...(map.get(row.packageId) ?? []), row]);
    return map;
  }
}
