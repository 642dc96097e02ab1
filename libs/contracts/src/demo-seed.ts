import { DemoContext, newId } from '@countycare/common';
import {
  addDays, ageOn, CalendarDate, compareDates, contractEndDate, countsInWindow, daysBetween, PackageItemSpec, PackageKind, packagePricing,
  populationTags, renewalStartDate, serviceCounts, startOfDayIn, windowStatus, windowStatusAtEnd,
} from '@countycare/domain';
import { Resident } from '@countycare/residents';
import { EntityManager, In } from 'typeorm';
import { Contract, ContractPackage } from './contract.entity';
import { FollowUp } from './follow-up.entity';
import { planRows } from './follow-ups.service';
import { PackageItem, ServicePackage } from './service-package.entity';
import { ServiceRecord } from './service-record.entity';

const ZONE = 'Asia/Shanghai';

export interface DemoPackage {
  code: string;
  name: string;
  kind: PackageKind;
  targetPopulations: string[];
  priceYuan: number;
  selfPayShare: number;
  items: PackageItemSpec[];
}

/** The national spec's frequencies (domain.md §3.4) as three packages. */
export const DEMO_PACKAGES: DemoPackage[] = [
  {
    code: 'basic', name: '基础服务包', kind: 'basic', targetPopulations: [], priceYuan: 0, selfPayShare: 0,
    items: [
      { code: 'health_check', name: '年度健康体检', timesPerYear: 1, modality: 'face_to_face' },
      { code: 'health_consult', name: '健康咨询', timesPerYear: 2, modality: 'any' },
    ],
  },
  {
    code: 'htn_care', name: '高血压个性化服务包', kind: 'personalized', targetPopulations: ['hypertension'], priceYuan: 120, selfPayShare: 0.3,
    items: [
      { code: 'htn_follow_up', name: '高血压面对面随访', timesPerYear: 4, modality: 'face_to_face', requiredData: ['sbp', 'dbp'] },
      { code: 'htn_med_review', name: '降压用药指导', timesPerYear: 2, modality: 'phone' },
    ],
  },
  {
    code: 'dm_care', name: '糖尿病个性化服务包', kind: 'personalized', targetPopulations: ['diabetes_t2'], priceYuan: 150, selfPayShare: 0.3,
    items: [
      { code: 'dm_follow_up', name: '糖尿病面对面随访', timesPerYear: 4, modality: 'face_to_face', requiredData: ['fastingGlucose'] },
      { code: 'dm_foot_check', name: '糖尿病足检查', timesPerYear: 1, modality: 'face_to_face' },
    ],
  },
];

type Kind = 'active' | 'pending' | 'expired' | 'terminated' | 'scheduled';

/** Spreads the demo contracts over their states the way a real county looks: mostly active. */
function kindOf(i: number): Kind {
  if (i < 90) return 'active';
  if (i < 100) return 'pending';
  if (i < 110) return 'expired';
  if (i < 114) return 'terminated';
  return 'scheduled';
}

/**
 * Demo data for the demo county: three packages, about 120 contracts across
 * the demo teams (active ones with services over their past windows, some
 * logged by the county hospital, renewals lined up for contracts about to
 * end, applications waiting, expired and terminated ones), so the worklist
 * and fulfilment figures look like a working county.
 */
export async function seedDemoContracts(em: EntityManager, ctx: DemoContext): Promise<void> {
  const today = ctx.today;
  const createdById = ctx.teams[0]?.gpUserId ?? ctx.hospitalGpUserId;
  const packages = new Map<string, { pkg: ServicePackage; items: PackageItem[] }>();
  for (const spec of DEMO_PACKAGES) {
    const { priceFen, selfPayFen } = packagePricing(spec);
    const pkg = em.create(ServicePackage, {
      id: newId(), countyId: ctx.countyId, ownerInstitutionId: null, code: spec.code, name: spec.name, kind: spec.kind,
      targetPopulations: spec.targetPopulations, priceFen, selfPayFen, active: true, createdById,
    });
    const items = spec.items.map((item, position) => em.create(PackageItem, {
      id: newId(), countyId: ctx.countyId, packageId: pkg.id, code: item.code, name: item.name, timesPerYear: item.timesPerYear,
      modality: item.modality, requiredData: item.requiredData ?? [], position,
    }));
    await em.insert(ServicePackage, pkg);
    await em.insert(PackageItem, items);
    packages.set(spec.code, { pkg, items });
  }
  if (ctx.teams.length === 0) return;

  const ids = [ctx.demoResidentId, ...ctx.residentIds.filter((id) => id !== ctx.demoResidentId)].slice(0, 120);
  const residents = new Map((await em.getRepository(Resident).findBy({ id: In(ids) })).map((r) => [r.id, r]));
  const contracts: Contract[] = [];
  const links: ContractPackage[] = [];
  const plan: FollowUp[] = [];
  const records: ServiceRecord[] = [];

  const addContract = (i: number, r: Resident, status: Contract['status'], startDate: CalendarDate, extra: Partial<Contract> = {}) => {
    const team = ctx.teams[i % ctx.teams.length];
    const tags = populationTags(r.tags ?? [], r.birthDate, today);
    const chosen = [packages.get('basic')!];
    if (tags.includes('hypertension')) chosen.push(packages.get('htn_care')!);
    if (tags.includes('diabetes_t2')) chosen.push(packages.get('dm_care')!);
    const fromTeam = status !== 'pending';
    const signedAt = startOfDayIn(startDate, ZONE);
    const c = em.create(Contract, {
      id: newId(signedAt.getTime()), countyId: ctx.countyId, residentId: r.id, teamId: team.id, institutionId: team.institutionId,
      gpId: fromTeam ? team.gpUserId : null, status, startDate, endDate: contractEndDate(startDate), origin: fromTeam ? 'team' : 'resident',
      signWay: ageOn(r.birthDate, today) < 14 ? 'family_proxy' : 'self', signedAt: fromTeam ? signedAt : null,
      createdById: fromTeam ? team.gpUserId : createdById, sharingConsent: i % 10 !== 7, sharingConsentAt: signedAt, predecessorId: null,
      successorId: null, renewed: false, terminationReason: null, terminationNote: null, terminationRequestedAt: null, terminatedAt: null,
      terminatedOn: null, closingReason: null, expiryNotified: false, ...extra,
    });
    contracts.push(c);
    for (const { pkg } of chosen) {
      links.push(em.create(ContractPackage, {
        id: newId(), countyId: ctx.countyId, contractId: c.id, packageId: pkg.id, priceFen: pkg.priceFen, selfPayFen: pkg.selfPayFen,
      }));
    }
    if (status === 'active' || status === 'expired' || status === 'terminated') {
      deliver(i, c, team, chosen.flatMap((p) => p.items));
    }
    return c;
  };

  /** Services over the windows that have begun: most past windows met, some by the county hospital, some only by phone. */
  const deliver = (i: number, c: Contract, team: DemoContext['teams'][number], items: PackageItem[]) => {
    const lastDay = c.terminatedOn ?? (compareDates(c.endDate, today) < 0 ? c.endDate : today);
    const itemsByCode = new Map(items.map((item) => [item.code, item]));
    for (const [n, w] of planRows(c, items).entries()) {
      const item = itemsByCode.get(w.itemCode!)!;
      if (compareDates(w.windowStart, lastDay) <= 0 && (i + n) % 5 !== 0) {
        const span = Math.max(0, daysBetween(w.windowStart, compareDates(w.windowEnd!, lastDay) < 0 ? w.windowEnd! : lastDay));
        for (let k = 0; k < w.dueCount && (i + n + k) % 4 !== 3; k++) {
          const day = addDays(w.windowStart, Math.min(span, ((i * 7 + n * 13 + k * 29) % (span + 1))));
          const byHospital = (i + n + k) % 6 === 0;
          const byPhone = item.modality === 'face_to_face' && (i + k) % 9 === 4;
          const modality = byPhone ? 'phone' : item.modality === 'any' ? 'online' : item.modality === 'phone' ? 'phone' : 'face_to_face';
          const payload = item.requiredData.includes('sbp')
            ? { sbp: 128 + ((i + k) % 30), dbp: 78 + ((i + k) % 15) }
            : item.requiredData.includes('fastingGlucose') ? { fastingGlucose: 5.8 + ((i + k) % 20) / 10 } : null;
          const qualifies = serviceCounts(item, { modality, payload });
          const verdict = countsInWindow(qualifies, { dueCount: w.dueCount, deliveredBefore: w.deliveredCount });
          if (qualifies.counts) w.deliveredCount += 1;
          records.push(em.create(ServiceRecord, {
            id: newId(), countyId: c.countyId, contractId: c.id, residentId: c.residentId, teamId: c.teamId,
            contractInstitutionId: c.institutionId, deliveringInstitutionId: byHospital && c.sharingConsent ? ctx.hospitalId : c.institutionId,
            deliveredById: byHospital && c.sharingConsent ? ctx.hospitalGpUserId : k % 2 ? team.nurseUserId : team.gpUserId,
            deliveredByName: byHospital && c.sharingConsent ? '县医院医生' : '家庭医生团队', itemCode: item.code, itemName: item.name,
            deliveredAt: new Date(startOfDayIn(day, ZONE).getTime() + (9 + ((i + k) % 8)) * 3_600_000), deliveredOn: day, modality,
            payload, notes: null, followUpId: qualifies.counts ? w.id : null, counted: verdict.counts,
            notCountedReason: verdict.counts ? null : verdict.reason, clientId: null, status: 'valid', voidReason: null, voidedAt: null,
            voidedById: null,
          }));
        }
      }
      w.status = c.status === 'active' ? windowStatus(w, today) : windowStatusAtEnd(w, c.terminatedOn ?? c.endDate);
      plan.push(w);
    }
  };

  ids.forEach((residentId, i) => {
    const r = residents.get(residentId);
    if (!r) return;
    const kind = kindOf(i);
    if (kind === 'active') {
      const start = addDays(today, -(10 + ((i * 37) % 350)));
      const c = addContract(i, r, 'active', start);
      // about half of the contracts ending within a month already have their renewal lined up
      if (daysBetween(today, c.endDate) <= 30 && i % 2 === 0) {
        const successor = addContract(i, r, 'scheduled', renewalStartDate(c, today, 30), { predecessorId: c.id });
        c.successorId = successor.id;
      }
    } else if (kind === 'pending') {
      addContract(i, r, 'pending', addDays(today, i % 7));
    } else if (kind === 'expired') {
      const start = addDays(today, -(380 + i));
      const c = addContract(i, r, 'expired', start);
      // half were renewed: the successor started the day after and is active now
      if (i % 2 === 0) {
        const successor = addContract(i, r, 'active', addDays(c.endDate, 1), { predecessorId: c.id });
        c.successorId = successor.id;
        c.renewed = true;
      }
    } else if (kind === 'terminated') {
      const start = addDays(today, -(200 + i));
      const terminatedOn = addDays(start, 120);
      addContract(i, r, 'terminated', start, {
        terminationReason: i % 2 ? 'moved_out' : 'resident_request', terminatedOn, terminatedAt: startOfDayIn(terminatedOn, ZONE),
      });
    } else {
      addContract(i, r, 'scheduled', addDays(today, 3 + (i % 20)));
    }
  });

  for (let i = 0; i < contracts.length; i += 100) await em.insert(Contract, contracts.slice(i, i + 100));
  for (let i = 0; i < links.length; i += 200) await em.insert(ContractPackage, links.slice(i, i + 200));
  for (let i = 0; i < plan.length; i += 200) await em.insert(FollowUp, plan.slice(i, i + 200));
  for (let i = 0; i < records.length; i += 200) await em.insert(ServiceRecord, records.slice(i, i + 200));
}
