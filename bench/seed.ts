/**
 * The benchmark county: one county at the scale of design.md "Data", built
 * with the same domain functions and encodings as the application (field
 * encryption and blind indexes via FieldCipher, contract terms and plan
 * windows, round schedules, referral numbers and SLA deadlines), written
 * with multi-row INSERTs through mysql2.
 */
import { PasswordHasher, User } from '@countycare/auth';
import { AppSettings, FieldCipher, newId } from '@countycare/common';
import {
  DEMO_PACKAGES,
  Contract, ContractPackage, FollowUp, PackageItem, planRows, ServicePackage, ServiceRecord,
} from '@countycare/contracts';
import {
  addDays, ageOn, arriveBy, buildReferralNo, calendarDateIn, CalendarDate, contractEndDate, countsInWindow, CountyPolicy, cycleEndDate,
  DEFAULT_COUNTY_POLICY, EligibilityCriteria, idCheckCharacter, InstitutionLevel, nextReferralStatus, nextRoundDue,
  packagePricing, planWindows, ReferralAction, ReferralDirection, ReferralKind, ReferralStatus, ReferralUrgency, replyDeadline,
  resolveRoundPlan, Role, RoundKind, RoundPlan, serviceCounts, startOfDayIn, windowStatus,
} from '@countycare/domain';
import { County, GpTeam, Institution, TeamMember } from '@countycare/organizations';
import { Referral, ReferralEvent } from '@countycare/referrals';
import { Resident } from '@countycare/residents';
import {
  RoundSchedule, Sickbed, SickbedAssessment, SickbedCycle, SickbedOrder, SickbedRound,
} from '@countycare/sickbeds';
import type { Pool } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { BulkWriter, TableTiming } from './bulk-writer';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface SeedOptions {
  /** 1.0 = design.md's county. */
  scale: number;
  serviceRecords: number;
  countyCode: string;
  /** Every seeded account's password (one argon2 hash, computed once). */
  password: string;
  now: Date;
  settings: AppSettings;
}

/** The ids the scenarios pick from. */
export interface ScenarioPools {
  countyId: string;
  benchTeamId: string;
  namePrefixes: string[];
  idNumbers: string[];
  benchTeamContractIds: string[];
  /** Open contracts with sharing consent anywhere in the county, with an item of their packages. */
  serviceTargets: Array<{ contractId: string; itemCode: string; payload: Record<string, number> | null }>;
  /** Nurses of teams with open beds, with those beds. */
  roundTargets: Array<{ username: string; sickbedIds: string[] }>;
  referralIds: string[];
}

export interface SeedResult {
  pools: ScenarioPools;
  users: { gp: string; nurse: string; desk: string; countyAdmin: string };
  counts: Record<string, number>;
  timings: TableTiming[];
  seedMs: number;
}

/** A small deterministic generator: the same county every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志永红海燕玉春梅文斌晓丹佳怡子涵浩然欣梓萱宇轩思远雨桐';
const TOWNS = ['城关', '东乡', '西溪', '南湖', '北山', '桥头', '白沙', '青山', '石门', '龙泉', '凤凰', '黄田', '长乐', '新塘', '大溪',
  '双河', '金竹', '梅林', '桃源', '柳湾', '杏花', '云台', '高桥', '马坪', '清水', '河口', '松岭', '古城', '平安', '永丰'];
const DIAGNOSES: Array<[string, string]> = [
  ['I10.x00', '高血压'], ['R07.400', '胸痛'], ['I63.900', '脑梗死'], ['E11.900', '2型糖尿病'], ['J44.100', '慢性阻塞性肺病伴急性加重'],
  ['I50.900', '心力衰竭'], ['K92.200', '消化道出血'], ['S72.000', '股骨颈骨折'],
];


const ELIGIBLE: EligibilityCriteria = {
  diagnosisClear: true, conditionStable: true, homeSafe: true, caregiverPresent: true, indications: ['bedridden_or_disabled'], exclusions: [],
};

const TAG_HTN = 1;
const TAG_DM = 2;
const MALE = 4;

interface TeamRow {
  id: string;
  institutionId: string;
  township: string;
  gpId: string;
  gpName: string;
  nurseId: string;
  nurseName: string;
  nurseUsername: string;
}

/** Samples `k` indexes out of `n` with the generator (reservoir: one pass, no duplicates). */
function sampleIndexes(n: number, k: number, random: () => number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    if (out.length < k) out.push(i);
    else {
      const j = Math.floor(random() * (i + 1));
      if (j < k) out[j] = i;
    }
  }
  return out;
}

export async function seedCounty(dataSource: DataSource, pool: Pool, opts: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const random = mulberry32(20261124);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const between = (a: number, b: number) => a + random() * (b - a);
  const zone = opts.settings.countyTimeZone;
  const now = opts.now;
  const today = calendarDateIn(now, zone);
  const policy: CountyPolicy = DEFAULT_COUNTY_POLICY;
  const cipher = new FieldCipher(opts.settings);
  const writer = new BulkWriter(pool, dataSource, 3);
  const scaled = (n: number, min = 1) => Math.max(min, Math.round(n * opts.scale));

  // calendar helpers over the few thousand days the seed touches, computed once
  const dayCache = new Map<number, CalendarDate>();
  const dayOf = (offset: number): CalendarDate => {
    let d = dayCache.get(offset);
    if (d === undefined) dayCache.set(offset, (d = addDays(today, offset)));
    return d;
  };
  const startCache = new Map<CalendarDate, number>();
  const startOf = (day: CalendarDate): number => {
    let t = startCache.get(day);
    if (t === undefined) startCache.set(day, (t = startOfDayIn(day, zone).getTime()));
    return t;
  };
  const dateOfInstant = (ms: number): CalendarDate => calendarDateIn(new Date(ms), zone);

  const tables = {
    counties: writer.table(County, 10),
    institutions: writer.table(Institution, 500),
    teams: writer.table(GpTeam, 1000),
    members: writer.table(TeamMember, 2000),
    users: writer.table(User, 1000),
    residents: writer.table(Resident, 2000),
    packages: writer.table(ServicePackage, 10),
    items: writer.table(PackageItem, 50),
    contracts: writer.table(Contract, 2000),
    contractPackages: writer.table(ContractPackage, 4000),
    followUps: writer.table(FollowUp, 3000),
    services: writer.table(ServiceRecord, 2000),
    sickbeds: writer.table(Sickbed, 1000),
    assessments: writer.table(SickbedAssessment, 1000),
    cycles: writer.table(SickbedCycle, 2000),
    schedules: writer.table(RoundSchedule, 2000),
    rounds: writer.table(SickbedRound, 2000),
    orders: writer.table(SickbedOrder, 2000),
    referrals: writer.table(Referral, 1000),
    referralEvents: writer.table(ReferralEvent, 4000),
  };

  // ---- county, institutions, teams, staff
  const countyId = newId();
  await tables.counties.add({ id: countyId, code: opts.countyCode, name: '基准县', policy: null });
  const townships = scaled(30);
  const villages = Math.max(1, scaled(400) - 1 - townships);
  const institution = async (name: string, level: InstitutionLevel, parentId: string | null, desk = false) => {
    const id = newId();
    await tables.institutions.add({ id, countyId, name, code: null, level, hasReferralDesk: desk, parentId, active: true });
    return id;
  };
  const hospitalId = await institution('基准县人民医院', 'county_hospital', null, true);
  const townNames = Array.from({ length: townships }, (_, i) => `${TOWNS[i % TOWNS.length]}${i >= TOWNS.length ? i : ''}镇`);
  const townshipIds: string[] = [];
  for (const name of townNames) townshipIds.push(await institution(`${name}卫生院`, 'township_center', hospitalId));
  const villageIds: string[] = [];
  for (let v = 0; v < villages; v++) {
    villageIds.push(await institution(`${townNames[v % townships]}${Math.floor(v / townships) + 1}村卫生室`, 'village_clinic', townshipIds[v % townships]));
  }

  const passwordHash = await new PasswordHasher(opts.settings).hash(opts.password);
  let staff = 0;
  const user = async (username: string, displayName: string, role: Role, institutionId: string | null, teamId: string | null = null) => {
    const id = newId();
    staff += 1;
    await tables.users.add({
      id, username, passwordHash, role, displayName, phone: null, countyId, institutionId, teamId, residentId: null, status: 'active',
      failedLoginCount: 0, lockedUntil: null, passwordChangedAt: now,
    });
    return id;
  };

  // team slots: a township centre runs about eight teams, a village clinic two
  const slots: Array<{ institutionId: string; township: string }> = [];
  townshipIds.forEach((id, t) => { for (let k = 0; k < 8; k++) slots.push({ institutionId: id, township: townNames[t] }); });
  villageIds.forEach((id, v) => { for (let k = 0; k < 2; k++) slots.push({ institutionId: id, township: townNames[v % townships] }); });
  const teamCount = scaled(1000, 2);
  const teams: TeamRow[] = [];
  for (let i = 0; i < teamCount; i++) {
    const slot = slots[i % slots.length];
    const id = newId();
    const surname = SURNAMES[i % SURNAMES.length];
    const gpUsername = i === 0 ? 'bench.gp' : `gp.${String(i).padStart(5, '0')}`;
    const nurseUsername = i === 0 ? 'bench.nurse' : `nurse.${String(i).padStart(5, '0')}`;
    const gpName = `${surname}医生`;
    const gpId = await user(gpUsername, gpName, 'gp', slot.institutionId, id);
    const nurseName = `${SURNAMES[(i + 7) % SURNAMES.length]}护士`;
    const nurseId = await user(nurseUsername, nurseName, 'nurse', slot.institutionId, id);
    await tables.teams.add({ id, countyId, institutionId: slot.institutionId, name: `${slot.township}${i + 1}组`, leadUserId: gpId, status: 'active' });
    await tables.members.add({ id: newId(), teamId: id, userId: gpId, memberRole: 'gp_lead', joinedAt: now, leftAt: null });
    await tables.members.add({ id: newId(), teamId: id, userId: nurseId, memberRole: 'nurse', joinedAt: now, leftAt: null });
    teams.push({ id, institutionId: slot.institutionId, township: slot.township, gpId, gpName, nurseId, nurseName, nurseUsername });
  }
  const allInstitutions = [hospitalId, ...townshipIds, ...villageIds];
  for (const [i, id] of allInstitutions.entries()) await user(`inst.${String(i).padStart(4, '0')}`, '机构管理员', 'institution_admin', id);
  const deskIds: string[] = [];
  for (let i = 0; i < scaled(6); i++) deskIds.push(await user(i === 0 ? 'bench.desk' : `desk.${i}`, `转诊服务岗${i + 1}`, 'referral_desk', hospitalId));
  await user('bench.county', '县卫健局管理员', 'county_admin', null);
  await user('county.1', '县卫健局管理员2', 'county_admin', null);
  const hospitalDoctors: Array<{ id: string; name: string }> = [];
  const doctorCount = Math.max(1, scaled(3000) - staff);
  for (let i = 0; i < doctorCount; i++) {
    const name = `${SURNAMES[(i * 3) % SURNAMES.length]}医生（县医院）`;
    hospitalDoctors.push({ id: await user(`doctor.${String(i).padStart(4, '0')}`, name, 'gp', hospitalId), name });
  }

  // ---- packages
  const packages = new Map<string, { pkg: ServicePackage; items: PackageItem[] }>();
  for (const spec of DEMO_PACKAGES) {
    const { priceFen, selfPayFen } = packagePricing(spec);
    const pkg = Object.assign(new ServicePackage(), {
      id: newId(), countyId, ownerInstitutionId: null, code: spec.code, name: spec.name, kind: spec.kind,
      targetPopulations: spec.targetPopulations, priceFen, selfPayFen, active: true, createdById: teams[0].gpId,
    });
    const items = spec.items.map((item, position) => Object.assign(new PackageItem(), {
      id: newId(), countyId, packageId: pkg.id, code: item.code, name: item.name, timesPerYear: item.timesPerYear,
      modality: item.modality, requiredData: item.requiredData ?? [], position,
    }));
    await tables.packages.add(pkg);
    for (const item of items) await tables.items.add(item);
    packages.set(spec.code, { pkg, items });
  }

  // ---- residents: ids, birth dates and tags are kept for the contracts below
  const residentCount = scaled(1_000_000, 100);
  const residentIds: string[] = new Array(residentCount);
  const birthDates: string[] = new Array(residentCount);
  const flags = new Uint8Array(residentCount);
  const perDay = new Map<string, number>();
  const namePrefixes: string[] = [];
  const idNumbers: string[] = [];
  const sampleEvery = Math.max(1, Math.floor(residentCount / 2000));
  for (let i = 0; i < residentCount; i++) {
    const r = random();
    const age = r < 0.07 ? Math.floor(random() * 7) : r < 0.19 ? 7 + Math.floor(random() * 11) : r < 0.79 ? 18 + Math.floor(random() * 47) : 65 + Math.floor(random() * 30);
    const birthDate = dayOf(-Math.floor(age * 365.25) - Math.floor(random() * 365));
    const male = random() < 0.5;
    const n = perDay.get(birthDate) ?? 0;
    perDay.set(birthDate, n + 1);
    const first17 = `${opts.countyCode}${birthDate.replace(/-/g, '')}${String(2 * n + (male ? 1 : 0)).padStart(3, '0')}`;
    if (2 * n + 1 > 999) throw new Error('bench seed: too many residents born on one day');
    const idNumber = first17 + idCheckCharacter(first17);
    const surname = SURNAMES[Math.floor(random() ** 1.6 * SURNAMES.length)];
    const name = surname + GIVEN[Math.floor(random() * GIVEN.length)] + (random() < 0.7 ? GIVEN[Math.floor(random() * GIVEN.length)] : '');
    const phone = age >= 16 && random() < 0.85 ? `1${3 + (i % 7)}${String(i).padStart(9, '0')}` : null;
    const tags: string[] = [];
    let f = male ? MALE : 0;
    if (age >= 35 && random() < 0.3) { tags.push('hypertension'); f |= TAG_HTN; }
    if (age >= 35 && random() < 0.12) { tags.push('diabetes_t2'); f |= TAG_DM; }
    if (age >= 60 && random() < 0.05) tags.push('copd');
    if (!male && age >= 20 && age <= 40 && random() < 0.04) tags.push('pregnant');
    const team = teams[Math.floor((i * teamCount) / residentCount)];
    const id = newId();
    residentIds[i] = id;
    birthDates[i] = birthDate;
    flags[i] = f;
    if (i % sampleEvery === 0) {
      idNumbers.push(idNumber);
      namePrefixes.push(idNumbers.length % 2 ? surname : name.slice(0, surname.length + 1));
    }
    await tables.residents.add({
      id, countyId, name, idNumberHash: cipher.blindIndex('id', idNumber), idNumberEnc: cipher.encrypt(idNumber),
      phoneHash: phone ? cipher.blindIndex('phone', phone) : null, phoneEnc: phone ? cipher.encrypt(phone) : null,
      birthDate, sex: male ? 'male' : 'female', township: team.township, addressLine: `${team.township}${(i % 300) + 1}村${(i % 97) + 1}号`,
      householdNo: `H${String(Math.floor(i / 3)).padStart(8, '0')}`, tags, status: 'active',
    });
  }

  // ---- contracts: ~40 % of residents, with their home team, started within the past year
  const contractIdx: number[] = [];
  for (let i = 0; i < residentCount; i++) if (random() < 0.4) contractIdx.push(i);
  const contractCount = contractIdx.length;
  const contractIds: string[] = new Array(contractCount);
  const contractTeam = new Int32Array(contractCount);
  const contractStart = new Int16Array(contractCount);
  const contractConsent = new Uint8Array(contractCount);
  const itemsOf = (f: number) => [
    ...packages.get('basic')!.items,
    ...(f & TAG_HTN ? packages.get('htn_care')!.items : []),
    ...(f & TAG_DM ? packages.get('dm_care')!.items : []),
  ];
  // begun windows per item and start day, for the number of service records per window
  const windowCache = new Map<string, ReturnType<typeof planWindows>>();
  const windowsOf = (timesPerYear: number, startOffset: number) => {
    const key = `${timesPerYear}:${startOffset}`;
    let w = windowCache.get(key);
    if (!w) {
      const start = dayOf(startOffset);
      windowCache.set(key, (w = planWindows({ timesPerYear }, start, contractEndDate(start, policy.contract.termMonths))));
    }
    return w;
  };
  let begunWindows = 0;
  for (let c = 0; c < contractCount; c++) {
    const i = contractIdx[c];
    const startOffset = -Math.floor(random() * 365);
    contractStart[c] = startOffset;
    contractTeam[c] = Math.floor((i * teamCount) / residentCount);
    contractConsent[c] = random() < 0.9 ? 1 : 0;
    for (const item of itemsOf(flags[i])) begunWindows += windowsOf(item.timesPerYear, startOffset).filter((w) => w.windowStart <= today).length;
  }
  const recordsPerWindow = opts.serviceRecords / Math.max(1, begunWindows);

  let serviceRecords = 0;
  let clientSerial = 0;
  const modalityFor = (itemModality: string, k: number) =>
    itemModality === 'face_to_face' ? (k % 10 === 9 ? 'phone' : 'face_to_face') : itemModality === 'any' ? (k % 2 ? 'phone' : 'online') : itemModality;
  const payloadFor = (required: readonly string[], k: number) =>
    required.includes('sbp') ? { sbp: 120 + (k % 40), dbp: 75 + (k % 20) } : required.includes('fastingGlucose') ? { fastingGlucose: 5.5 + (k % 30) / 10 } : null;

  // in signing order, as the rows were written over the year (primary keys are time-ordered UUIDv7)
  const signingOrder = Array.from({ length: contractCount }, (_, c) => c).sort((a, b) => contractStart[a] - contractStart[b]);
  for (const c of signingOrder) {
    const i = contractIdx[c];
    const team = teams[contractTeam[c]];
    const startDate = dayOf(contractStart[c]);
    const signedAt = new Date(startOf(startDate) + 9 * HOUR + Math.floor(random() * 8 * HOUR));
    const contract = Object.assign(new Contract(), {
      id: newId(signedAt.getTime()), countyId, residentId: residentIds[i], teamId: team.id, institutionId: team.institutionId,
      gpId: team.gpId, status: 'active' as const, startDate, endDate: contractEndDate(startDate, policy.contract.termMonths),
      signWay: ageOn(birthDates[i], today) < 14 ? 'family_proxy' as const : 'self' as const, origin: 'team' as const, signedAt,
      createdById: team.gpId, sharingConsent: contractConsent[c] === 1, sharingConsentAt: signedAt, predecessorId: null, successorId: null,
      renewed: false, terminationReason: null, terminationNote: null, terminationRequestedAt: null, terminatedAt: null, terminatedOn: null,
      closingReason: null, expiryNotified: false, createdAt: signedAt, updatedAt: signedAt,
    });
    contractIds[c] = contract.id;
    await tables.contracts.add(contract);
    const chosen = [packages.get('basic')!, ...(flags[i] & TAG_HTN ? [packages.get('htn_care')!] : []), ...(flags[i] & TAG_DM ? [packages.get('dm_care')!] : [])];
    for (const { pkg } of chosen) {
      await tables.contractPackages.add({ id: newId(), countyId, contractId: contract.id, packageId: pkg.id, priceFen: pkg.priceFen, selfPayFen: pkg.selfPayFen });
    }
    // the plan as ContractsService.createPlan makes it, then the services delivered in the windows begun so far
    const items = chosen.flatMap((p) => p.items);
    const byCode = new Map(items.map((item) => [item.code, item]));
    for (const w of planRows(contract, items)) {
      if (w.windowStart <= today) {
        const item = byCode.get(w.itemCode!)!;
        const whole = Math.floor(recordsPerWindow);
        const deliveries = whole + (random() < recordsPerWindow - whole ? 1 : 0);
        const lastDay = w.windowEnd! < today ? w.windowEnd! : today;
        const spanDays = Math.round((startOf(lastDay) - startOf(w.windowStart)) / DAY);
        for (let k = 0; k < deliveries; k++) {
          const day = addDays(w.windowStart, Math.floor(random() * (spanDays + 1)));
          const deliveredAt = new Date(startOf(day) + 8 * HOUR + Math.floor(random() * 9 * HOUR));
          if (deliveredAt > now) continue;
          const modality = modalityFor(item.modality, serviceRecords + k) as ServiceRecord['modality'];
          const payload = payloadFor(item.requiredData, serviceRecords + k);
          const qualifies = serviceCounts(item, { modality, payload });
          const verdict = countsInWindow(qualifies, { dueCount: w.dueCount, deliveredBefore: w.deliveredCount });
          if (qualifies.counts) w.deliveredCount += 1;
          const byHospital = contract.sharingConsent && random() < 0.1;
          const doctor = byHospital ? pick(hospitalDoctors) : null;
          const byNurse = !doctor && k % 2 === 1;
          await tables.services.add({
            id: newId(deliveredAt.getTime()), countyId, contractId: contract.id, residentId: contract.residentId, teamId: team.id,
            contractInstitutionId: team.institutionId, deliveringInstitutionId: byHospital ? hospitalId : team.institutionId,
            deliveredById: doctor ? doctor.id : byNurse ? team.nurseId : team.gpId, deliveredByName: doctor ? doctor.name : byNurse ? team.nurseName : team.gpName,
            itemCode: item.code, itemName: item.name, deliveredAt, deliveredOn: day, modality, payload, notes: null,
            followUpId: qualifies.counts ? w.id : null, counted: verdict.counts, notCountedReason: verdict.counts ? null : verdict.reason,
            clientId: random() < 0.3 ? `c${(clientSerial++).toString(36)}` : null, status: 'valid', voidReason: null, voidedAt: null,
            voidedById: null, createdAt: deliveredAt,
          });
          serviceRecords += 1;
        }
      }
      w.status = windowStatus(w, today);
      await tables.followUps.add(w);
    }
  }

  // ---- household sickbeds: open beds of contracted residents, twice-weekly visits (a doctor round and a nurse visit a week)
  const bedCount = Math.min(scaled(3000), contractCount);
  const plan: RoundPlan = resolveRoundPlan(policy.sickbed);
  const benchTeamContracts: number[] = [];
  for (let c = 0; c < contractCount; c++) if (contractTeam[c] === 0) benchTeamContracts.push(c);
  const bedContracts = new Set<number>(benchTeamContracts.slice(0, 3));
  while (bedContracts.size < bedCount) bedContracts.add(Math.floor(random() * contractCount));
  const bedsByTeam = new Map<number, string[]>();
  let roundRows = 0;
  for (const c of bedContracts) {
    const team = teams[contractTeam[c]];
    const residentId = residentIds[contractIdx[c]];
    const openedAt = new Date(now.getTime() - between(1, policy.sickbed.maxCycleDays - 5) * DAY);
    const appliedAt = new Date(openedAt.getTime() - between(2, 5) * DAY);
    const startDate = dateOfInstant(openedAt.getTime());
    const diagnosis = pick(DIAGNOSES);
    const episode = Object.assign(new Sickbed(), {
      id: newId(appliedAt.getTime()), countyId, institutionId: team.institutionId, teamId: team.id, residentId, status: 'active' as const,
      appliedById: team.gpId, appliedAt, conditionSummary: `${diagnosis[1]}，行动不便，家属照护。`,
      admissionIndication: '病情稳定，往返医院困难，需定期上门诊疗和护理，建议建床。', diagnosisDate: dateOfInstant(appliedAt.getTime() - 60 * DAY),
      submittedAt: new Date(appliedAt.getTime() + HOUR), decidedById: team.gpId, decidedAt: new Date(appliedAt.getTime() + 3 * HOUR), decisionReason: null,
      bedType: pick(['treatment', 'rehabilitation', 'palliative'] as const), admissionDiagnosisCode: diagnosis[0], admissionDiagnosisName: diagnosis[1],
      responsibleDoctorId: team.gpId, responsibleNurseId: team.nurseId, startDate, plannedEndDate: cycleEndDate(startDate, policy.sickbed.maxCycleDays),
      cycleNo: 1, cycleStartDate: startDate, openedAt, openedById: team.gpId, firstRoundHours: plan.firstRoundHours,
      doctorIntervalDays: plan.doctorRoundIntervalDays, nurseIntervalDays: plan.nurseVisitIntervalDays, createdAt: appliedAt, updatedAt: openedAt,
    });
    const assessmentId = newId(appliedAt.getTime() + 2 * HOUR);
    episode.latestAssessmentId = assessmentId;
    await tables.sickbeds.add(episode);
    await tables.assessments.add({
      id: assessmentId, countyId, episodeId: episode.id, residentId, kind: 'admission', cycleNo: null, result: 'eligible', criteria: ELIGIBLE,
      functionalScore: 35, consentSigned: true, agreementSigned: true, reason: null, assessedById: team.gpId, assessedAt: new Date(appliedAt.getTime() + 2 * HOUR),
    });
    await tables.cycles.add({
      id: newId(openedAt.getTime()), countyId, episodeId: episode.id, cycleNo: 1, startDate, plannedEndDate: episode.plannedEndDate!,
      assessmentId, createdById: team.gpId, createdAt: openedAt,
    });
    // a visit on or a little after each due date; about one bed in six (and the bench GP's first) has its latest doctor round missed
    const missed = c === benchTeamContracts[0] || random() < 0.16;
    for (const kind of ['doctor', 'nurse'] as RoundKind[]) {
      let last: Date | null = null;
      for (;;) {
        const due: Date = nextRoundDue({ kind, plan, openedAt, startDate, lastRoundAt: last, timeZone: zone });
        const visitedAt: Date = new Date(due.getTime() - (kind === 'doctor' && last === null ? between(1, 20) * HOUR : between(-16, 8) * HOUR));
        if (visitedAt.getTime() > now.getTime() - (missed && kind === 'doctor' ? 8 * DAY : 0)) break;
        roundRows += 1;
        await tables.rounds.add({
          id: newId(visitedAt.getTime()), countyId, episodeId: episode.id, residentId, kind, cycleNo: 1, visitedAt,
          practitionerId: kind === 'doctor' ? team.gpId : team.nurseId, sbp: 118 + (roundRows % 40), dbp: 72 + (roundRows % 20), pulse: 64 + (roundRows % 30),
          temperatureTenths: 362 + (roundRows % 8), spo2: 94 + (roundRows % 6), glucoseTenths: kind === 'doctor' ? 55 + (roundRows % 60) : null,
          findings: kind === 'doctor' ? '神志清，精神可，双肺呼吸音清。' : '协助翻身拍背，皮肤完整。', notes: null, clientId: null, createdAt: visitedAt,
        });
        last = visitedAt;
      }
      await tables.schedules.add({
        id: newId(openedAt.getTime()), countyId, episodeId: episode.id, kind, assigneeId: kind === 'doctor' ? team.gpId : team.nurseId,
        institutionId: team.institutionId, teamId: team.id, residentId, responsibleDoctorId: team.gpId, responsibleNurseId: team.nurseId,
        dueAt: nextRoundDue({ kind, plan, openedAt, startDate, lastRoundAt: last, timeZone: zone }), lastRoundAt: last, overdueNotifiedDueAt: null,
      });
    }
    const orderAt = new Date(openedAt.getTime() + 3 * HOUR);
    await tables.orders.add({
      id: newId(orderAt.getTime()), countyId, episodeId: episode.id, residentId, type: 'medication', longTerm: true,
      content: '阿司匹林肠溶片 100mg 口服 每日一次', drugCode: 'XB01ACA056A001', dose: '100mg', route: 'po', frequency: 'qd', status: 'active',
      startedAt: orderAt, startedById: team.gpId, stoppedAt: null, stoppedById: null, stopReason: null,
    });
    await tables.orders.add({
      id: newId(orderAt.getTime() + 1), countyId, episodeId: episode.id, residentId, type: 'nursing', longTerm: true,
      content: '二级护理，每两小时翻身一次', drugCode: null, dose: null, route: null, frequency: 'q2h', status: 'active',
      startedAt: orderAt, startedById: team.gpId, stoppedAt: null, stoppedById: null, stopReason: null,
    });
    const list = bedsByTeam.get(contractTeam[c]) ?? [];
    list.push(episode.id);
    bedsByTeam.set(contractTeam[c], list);
  }

  // ---- referrals over the past year: mostly up to the county hospital, some back down; the open ones are the desk's queue
  const referralTarget = scaled(60_000, 20);
  const upCount = Math.round(referralTarget * 0.9);
  let referralSerial = 0;
  let referralRows = 0;
  let referralFollowUps = 0;
  const referralSample: string[] = [];
  const completedUps: Array<{ id: string; c: number; completedAt: number }> = [];
  const outcome = (d: [string, string]) => ({ diagnosisResult: d[1], keyFindings: '住院治疗后病情稳定', nextAdvice: '回基层继续治疗，两周内家庭医生随访' });

  type Step = { action: ReferralAction; at: number; actorId: string | null; note?: string | null; set: Partial<Referral> };
  const writeReferral = async (
    direction: ReferralDirection, c: number, createdMs: number, steps: Step[], parentId: string | null, diagnosis: [string, string],
    urgency: ReferralUrgency, kind: ReferralKind = 'outpatient',
  ) => {
    const team = teams[contractTeam[c]];
    const id = newId(createdMs);
    referralSerial += 1;
    const createdById = direction === 'up' ? team.gpId : deskIds[referralSerial % deskIds.length];
    const row: Partial<Referral> = {
      id, referralNo: buildReferralNo(opts.countyCode, dateOfInstant(createdMs), String(referralSerial).padStart(8, '0')), countyId, direction,
      status: 'draft', urgency, kind, residentId: residentIds[contractIdx[c]], teamId: team.id, contractId: contractIds[c],
      fromInstitutionId: direction === 'up' ? team.institutionId : hospitalId, toInstitutionId: direction === 'up' ? hospitalId : team.institutionId,
      createdById, department: direction === 'up' ? '心血管内科' : null, reason: direction === 'up' ? `${diagnosis[1]}，需上级医院进一步诊治` : '病情稳定，转回基层康复',
      summary: '主诉、现病史、既往史与治疗经过见附件；近期检查结果已随单上传。', diagnoses: [{ code: diagnosis[0], name: diagnosis[1] }],
      parentReferralId: parentId, sourceSickbedId: null, sourceDeductiblePaidFen: null, returnReason: null, slaBreachedAt: null, admitted: false,
      consentToShare: true,
      createdAt: new Date(createdMs), updatedAt: new Date(createdMs),
    };
    const events: Array<Partial<ReferralEvent>> = [{ action: 'create', fromStatus: null, toStatus: 'draft', at: new Date(createdMs), actorId: createdById, note: null }];
    let status: ReferralStatus = 'draft';
    for (const step of steps) {
      if (step.at > now.getTime()) break;
      const next = nextReferralStatus(status, step.action, urgency);
      Object.assign(row, step.set);
      events.push({ action: step.action, fromStatus: status, toStatus: next, at: new Date(step.at), actorId: step.actorId, note: step.note ?? null });
      status = next;
      row.updatedAt = new Date(step.at);
    }
    row.status = status;
    // the worker marks a reply deadline that passed unanswered
    if (row.replyDueAt) {
      const answered = row.repliedAt ?? (row.cancelledAt && row.cancelledAt < row.replyDueAt ? row.cancelledAt : null);
      if ((answered ?? now) > row.replyDueAt) row.slaBreachedAt = new Date(row.replyDueAt.getTime() + 60_000);
    }
    await tables.referrals.add(row);
    for (const [seq, e] of events.entries()) {
      await tables.referralEvents.add({ id: newId(e.at!.getTime()), referralId: id, seq: seq + 1, countyId, actorRole: null, data: null, ...e });
    }
    referralRows += 1;
    if (referralSample.length < 2000 && random() < 0.1) referralSample.push(id);
    return { id, status, row };
  };

  for (let n = 0; n < upCount; n++) {
    const c = Math.floor(random() * contractCount);
    const team = teams[contractTeam[c]];
    // priorities (issue #12): the green channel 4 %, urgent 10 %, the rest routine; the kind follows
    const u = random();
    const urgency: ReferralUrgency = u < 0.04 ? 'emergent' : u < 0.14 ? 'urgent' : 'routine';
    const k = random();
    const kind: ReferralKind = urgency === 'emergent' ? 'emergency' : k < 0.6 ? 'outpatient' : k < 0.85 ? 'inpatient' : 'diagnostic';
    const desk = deskIds[n % deskIds.length];
    const created = now.getTime() - random() * 365 * DAY;
    const diagnosis = pick(DIAGNOSES);
    const steps: Step[] = [];
    const r = random();
    if (r < 0.02) {
      const cancelled = created + between(0.1, 2) * HOUR;
      steps.push({ action: 'cancel', at: cancelled, actorId: team.gpId, note: '患者决定暂不转诊', set: { cancelledAt: new Date(cancelled), cancelReason: '患者决定暂不转诊' } });
    } else {
      const submitted = created + between(0, 1) * HOUR;
      const replyDueAt = replyDeadline(new Date(submitted), urgency, policy.referral.replyHours);
      steps.push({ action: 'submit', at: submitted, actorId: team.gpId, set: { submittedAt: new Date(submitted), replyDueAt } });
      const replied = submitted + (urgency === 'emergent' ? between(0.05, 0.3) : urgency === 'urgent' ? between(0.2, 3) : between(1, 26)) * HOUR;
      const o = random();
      if (o < 0.05) {
        steps.push({ action: 'cancel', at: replied, actorId: team.gpId, note: '患者已自行就医', set: { cancelledAt: new Date(replied), cancelReason: '患者已自行就医' } });
      } else if (o < 0.12) {
        steps.push({ action: 'reject', at: replied, actorId: desk, note: '本院该专科号源已满，建议转市级医院',
          set: { repliedAt: new Date(replied), rejectedAt: new Date(replied), rejectReason: '本院该专科号源已满，建议转市级医院' } });
      } else {
        steps.push({ action: 'accept', at: replied, actorId: desk, set: { repliedAt: new Date(replied), acceptedAt: new Date(replied), acceptedById: desk } });
        let arrived: number | null = null;
        if (urgency === 'emergent' && random() < 0.7) {
          arrived = replied + between(0.5, 3) * HOUR;
        } else {
          const appointment = replied + between(1, 7) * DAY;
          const appointmentAt = new Date(appointment);
          const by = arriveBy(dateOfInstant(appointment), policy.referral.noShowDays);
          steps.push({ action: 'schedule', at: replied + between(0, 2) * HOUR, actorId: desk, set: { appointmentAt, arriveBy: by } });
          const a = random();
          if (a < 0.9) arrived = appointment + between(-1, 2) * HOUR;
          else if (a < 0.97) {
            const expired = startOf(addDays(by, 1)) + HOUR;
            steps.push({ action: 'expire', at: expired, actorId: null, set: { expiredAt: new Date(expired) } });
          } else {
            const cancelled = appointment - between(2, 20) * HOUR;
            steps.push({ action: 'cancel', at: cancelled, actorId: team.gpId, note: '患者病情好转', set: { cancelledAt: new Date(cancelled), cancelReason: '患者病情好转' } });
          }
        }
        if (arrived !== null) {
          steps.push({ action: 'arrive', at: arrived, actorId: desk, set: { arrivedAt: new Date(arrived) } });
          const completed = arrived + between(0.2, 10) * DAY;
          steps.push({ action: 'complete', at: completed, actorId: desk, set: { completedAt: new Date(completed), outcome: outcome(diagnosis) } });
        }
      }
    }
    const written = await writeReferral('up', c, created, steps, null, diagnosis, urgency, kind);
    if (written.status === 'completed') completedUps.push({ id: written.id, c, completedAt: written.row.completedAt!.getTime() });
  }
  // down-referrals: the hospital sends some completed patients back; accepting one puts a follow-up on the team's worklist (§5.2)
  for (const up of completedUps) {
    if (referralRows >= referralTarget) break;
    const created = up.completedAt + between(0, 1) * DAY;
    if (created > now.getTime()) continue;
    const team = teams[contractTeam[up.c]];
    const desk = deskIds[referralRows % deskIds.length];
    const submitted = created + between(0, 1) * HOUR;
    const accepted = submitted + between(2, 24) * HOUR;
    const appointment = accepted + between(1, 5) * DAY;
    const arrived = appointment + between(-1, 2) * HOUR;
    const completed = arrived + between(0.1, 1) * DAY;
    const steps: Step[] = [
      { action: 'submit', at: submitted, actorId: desk, set: { submittedAt: new Date(submitted), replyDueAt: replyDeadline(new Date(submitted), 'routine', policy.referral.replyHours) } },
      { action: 'accept', at: accepted, actorId: team.gpId, set: { repliedAt: new Date(accepted), acceptedAt: new Date(accepted), acceptedById: team.gpId } },
      { action: 'schedule', at: accepted, actorId: team.gpId, set: { appointmentAt: new Date(appointment), arriveBy: arriveBy(dateOfInstant(appointment), policy.referral.noShowDays) } },
      { action: 'arrive', at: arrived, actorId: team.gpId, set: { arrivedAt: new Date(arrived) } },
      { action: 'complete', at: completed, actorId: team.gpId, set: { completedAt: new Date(completed), outcome: outcome(DIAGNOSES[0]) } },
    ];
    const written = await writeReferral('down', up.c, created, steps, up.id, DIAGNOSES[0], 'routine');
    if (written.row.acceptedAt) {
      const acceptedOn = dateOfInstant(written.row.acceptedAt.getTime());
      const dueDate = addDays(acceptedOn, policy.referral.downFollowUpDays);
      const done = dueDate < today && random() < 0.8;
      await tables.followUps.add({
        id: newId(), dedupeKey: `referral:${written.id}:referral_return`, countyId, teamId: team.id, institutionId: team.institutionId,
        residentId: residentIds[contractIdx[up.c]], kind: 'referral_return', sourceType: 'referral', sourceId: written.id, contractId: contractIds[up.c],
        itemCode: null, itemName: '下转患者随访', modality: 'any', windowStart: acceptedOn, windowEnd: null, dueDate, dueCount: 1,
        deliveredCount: done ? 1 : 0, status: done ? 'met' : 'open',
      });
      referralFollowUps += 1;
    }
  }

  await writer.drain();

  // ---- what the scenarios pick from
  const serviceTargets: ScenarioPools['serviceTargets'] = [];
  for (const c of sampleIndexes(contractCount, Math.min(contractCount, 20_000), random)) {
    if (!contractConsent[c] || serviceTargets.length >= 5000) continue;
    const htn = (flags[contractIdx[c]] & TAG_HTN) !== 0;
    serviceTargets.push({
      contractId: contractIds[c], itemCode: htn ? 'htn_follow_up' : 'health_consult', payload: htn ? { sbp: 132, dbp: 84 } : null,
    });
  }
  const roundTargets = [...bedsByTeam.entries()].sort((a, b) => a[0] - b[0]).slice(0, 25)
    .map(([t, sickbedIds]) => ({ username: teams[t].nurseUsername, sickbedIds }));
  const counts = Object.fromEntries(writer.timings().map((t) => [t.table, t.rows]));
  return {
    pools: {
      countyId, benchTeamId: teams[0].id, namePrefixes, idNumbers, benchTeamContractIds: benchTeamContracts.map((c) => contractIds[c]),
      serviceTargets, roundTargets, referralIds: referralSample,
    },
    users: { gp: 'bench.gp', nurse: 'bench.nurse', desk: 'bench.desk', countyAdmin: 'bench.county' },
    counts: { ...counts, 'service_records (target)': opts.serviceRecords, 'referral follow-ups': referralFollowUps, 'sickbed rounds': roundRows },
    timings: writer.timings(),
    seedMs: performance.now() - started,
  };
}
