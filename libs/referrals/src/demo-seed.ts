import { DemoContext, newId } from '@countycare/common';
import {
  arriveBy, buildReferralNo, calendarDateIn, ChainPredecessor, continuousDeductible, nextReferralStatus, ReferralAction,
  ReferralDirection, ReferralKind, ReferralStatus, ReferralUrgency, replyDeadline, resolveCountyPolicy, standardDeductibleFen,
} from '@countycare/domain';
import { County, Institution } from '@countycare/organizations';
import { EntityManager } from 'typeorm';
import { ReferralEvent } from './referral-event.entity';
import { Referral } from './referral.entity';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The demo county's zone (TZ_COUNTY default). */
const ZONE = 'Asia/Shanghai';

interface Spec {
  direction?: ReferralDirection;
  urgency: ReferralUrgency;
  kind?: ReferralKind;
  team: number;
  resident: string;
  /** Hours before now the referral was written. */
  ageHours: number;
  /** Steps after creation, each with hours after creation. */
  steps: Array<[ReferralAction, number]>;
  diagnosis: [string, string];
  reason: string;
  appointmentInDays?: number;
  sourceDeductiblePaid?: number;
  parent?: Referral;
  admitted?: boolean;
}

/**
 * About fifteen referrals of the demo county in every state: a few waiting in
 * the hospital desk's queue (one on the green channel past its reply limit, one urgent),
 * scheduled and arrived patients, closed ones, and a completed up + down pair
 * of the demo resident with continuous-deductible figures (computed from the
 * county's policy; `not_configured` when the county has no deductibles).
 */
export async function seedDemoReferrals(em: EntityManager, ctx: DemoContext): Promise<void> {
  const county = await em.getRepository(County).findOneByOrFail({ id: ctx.countyId });
  const policy = resolveCountyPolicy(county.policy ?? {});
  const institutions = new Map((await em.getRepository(Institution).findBy({ countyId: ctx.countyId })).map((i) => [i.id, i]));
  const r = (n: number) => ctx.residentIds[n % ctx.residentIds.length];
  let serial = 0;

  const write = async (spec: Spec): Promise<Referral> => {
    const team = ctx.teams[spec.team % ctx.teams.length];
    const direction = spec.direction ?? 'up';
    const created = new Date(ctx.now.getTime() - spec.ageHours * HOUR);
    const from = direction === 'up' ? team.institutionId : ctx.hospitalId;
    const to = direction === 'up' ? ctx.hospitalId : team.institutionId;
    serial += 1;
    const row: Partial<Referral> = {
      id: newId(created.getTime()),
      referralNo: buildReferralNo(county.code, calendarDateIn(created, ZONE), String(10_000_000 + serial * 7919).slice(-8)),
      countyId: ctx.countyId, direction, status: 'draft', urgency: spec.urgency, kind: spec.kind ?? 'outpatient', residentId: spec.resident, teamId: team.id, contractId: null,
      fromInstitutionId: from, toInstitutionId: to, createdById: direction === 'up' ? team.gpUserId : ctx.deskUserId,
      department: direction === 'up' ? '心血管内科' : null, reason: spec.reason,
      summary: '主诉、现病史、既往史与治疗经过见附件；近期检查结果已随单上传。',
      diagnoses: [{ code: spec.diagnosis[0], name: spec.diagnosis[1] }],
      parentReferralId: spec.parent?.id ?? null, sourceSickbedId: null,
      sourceDeductiblePaidFen: spec.sourceDeductiblePaid === undefined ? null : spec.sourceDeductiblePaid * 100,
      admitted: false, version: 1, createdAt: created, updatedAt: created,
    };
    const events: Partial<ReferralEvent>[] = [{ action: 'create', fromStatus: null, toStatus: 'draft', at: created, actorId: row.createdById! }];
    let status: ReferralStatus = 'draft';
    for (const [action, afterHours] of spec.steps) {
      const at = new Date(created.getTime() + afterHours * HOUR);
      const next = nextReferralStatus(status, action, spec.urgency);
      const desk = direction === 'up' ? ctx.deskUserId : team.gpUserId;
      let actorId: string | null = desk;
      let note: string | null = null;
      if (action === 'submit') {
        Object.assign(row, { submittedAt: at, replyDueAt: replyDeadline(at, spec.urgency, policy.referral.replyHours) });
        actorId = row.createdById!;
      } else if (action === 'accept' || action === 'reject') {
        Object.assign(row, { repliedAt: at }, action === 'accept' ? { acceptedAt: at, acceptedById: desk } : { rejectedAt: at, rejectReason: '本院该专科号源已满，建议转市级医院' });
        note = row.rejectReason ?? null;
      } else if (action === 'schedule') {
        const appointment = new Date(ctx.now.getTime() + (spec.appointmentInDays ?? 1) * DAY);
        Object.assign(row, { appointmentAt: appointment, arriveBy: arriveBy(calendarDateIn(appointment, ZONE), policy.referral.noShowDays) });
      } else if (action === 'arrive') {
        row.arrivedAt = at;
      } else if (action === 'cancel') {
        Object.assign(row, { cancelledAt: at, cancelReason: '患者决定暂不转诊' });
        note = row.cancelReason!;
        actorId = row.createdById!;
      } else if (action === 'expire') {
        row.expiredAt = at;
        actorId = null;
      } else if (action === 'complete') {
        row.completedAt = at;
        row.outcome = { diagnosisResult: spec.diagnosis[1], keyFindings: '住院治疗后病情稳定', nextAdvice: '回基层继续治疗，两周内家庭医生随访' };
        if (spec.admitted) Object.assign(row, deductibleOf(row as Referral, spec, institutions.get(to)!, policy));
      }
      events.push({ action, fromStatus: status, toStatus: next, at, actorId, note });
      status = next;
    }
    row.status = status;
    await em.insert(Referral, row);
    await em.insert(ReferralEvent, events.map((e, i) => ({
      id: newId(e.at!.getTime()), referralId: row.id!, seq: i + 1, countyId: ctx.countyId, actorRole: null, data: null, note: null, ...e,
    })));
    return row as Referral;
  };

  const htn: [string, string] = ['I10.x00', '高血压'];
  const chestPain: [string, string] = ['R07.400', '胸痛'];
  const stroke: [string, string] = ['I63.900', '脑梗死'];
  const diabetes: [string, string] = ['E11.900', '2型糖尿病'];
  const copd: [string, string] = ['J44.100', '慢性阻塞性肺病伴急性加重'];

  // in the desk queue
  await write({ urgency: 'emergent', kind: 'emergency', team: 0, resident: r(1), ageHours: 6, steps: [['submit', 0]], diagnosis: chestPain, reason: '急性胸痛，疑急性冠脉综合征' });
  await write({ urgency: 'urgent', kind: 'inpatient', team: 1, resident: r(2), ageHours: 1, steps: [['submit', 0]], diagnosis: stroke, reason: '突发肢体无力，疑脑卒中' });
  await write({ urgency: 'routine', team: 0, resident: r(3), ageHours: 30, steps: [['submit', 1]], diagnosis: htn, reason: '三种降压药联用血压仍不达标' });
  await write({ urgency: 'routine', team: 1, resident: r(4), ageHours: 10, steps: [['submit', 0]], diagnosis: diabetes, reason: '血糖控制差，需内分泌科调整方案' });
  await write({ urgency: 'routine', team: 2, resident: r(5), ageHours: 3, steps: [['submit', 0]], diagnosis: copd, reason: '反复喘息加重，需肺功能评估' });
  await write({ urgency: 'routine', team: 0, resident: r(6), ageHours: 26, steps: [['submit', 0], ['accept', 5]], diagnosis: htn, reason: '疑继发性高血压，需专科检查' });
  await write({ urgency: 'routine', team: 1, resident: r(7), ageHours: 48, steps: [['submit', 0], ['accept', 3], ['schedule', 3]], diagnosis: diabetes, reason: '糖尿病足溃疡评估', appointmentInDays: 1 });
  await write({ urgency: 'routine', kind: 'diagnostic', team: 2, resident: r(8), ageHours: 50, steps: [['submit', 0], ['accept', 2], ['schedule', 2]], diagnosis: htn, reason: '心脏超声检查', appointmentInDays: 3 });
  await write({ urgency: 'emergent', kind: 'emergency', team: 0, resident: r(9), ageHours: 5, steps: [['submit', 0], ['accept', 0.2], ['arrive', 1]], diagnosis: chestPain, reason: '持续胸痛伴出汗' });
  // closed or not yet sent
  await write({ urgency: 'routine', team: 1, resident: r(10), ageHours: 2, steps: [], diagnosis: copd, reason: '慢阻肺稳定期评估' });
  await write({ urgency: 'routine', team: 2, resident: r(11), ageHours: 120, steps: [['submit', 0], ['reject', 20]], diagnosis: diabetes, reason: '胰岛素泵评估' });
  await write({ urgency: 'routine', team: 0, resident: r(12), ageHours: 96, steps: [['submit', 0], ['cancel', 4]], diagnosis: htn, reason: '动态血压监测' });
  await write({
    urgency: 'routine', team: 1, resident: r(13), ageHours: 20 * 24, steps: [['submit', 0], ['accept', 4], ['schedule', 4], ['expire', 19 * 24]],
    diagnosis: htn, reason: '眼底检查', appointmentInDays: -(policy.referral.noShowDays + 2),
  });
  // the demo resident's completed round trip: township inpatient -> county hospital -> back to the township
  const up = await write({
    urgency: 'emergent', kind: 'inpatient', team: 0, resident: ctx.demoResidentId, ageHours: 12 * 24,
    steps: [['submit', 0], ['accept', 0.5], ['arrive', 3], ['complete', 8 * 24]],
    diagnosis: stroke, reason: '乡镇卫生院住院期间出现言语不清', sourceDeductiblePaid: 300, admitted: true,
  });
  await write({
    direction: 'down', urgency: 'routine', team: 0, resident: ctx.demoResidentId, ageHours: 4 * 24 - 2,
    steps: [['submit', 0], ['accept', 3], ['schedule', 3], ['arrive', 26], ['complete', 30]],
    diagnosis: stroke, reason: '病情稳定，转回基层康复', parent: up, admitted: true, appointmentInDays: -3,
  });
}

function deductibleOf(row: Referral, spec: Spec, to: Institution, policy: ReturnType<typeof resolveCountyPolicy>): Partial<Referral> {
  const admittedOn = calendarDateIn(row.arrivedAt!, ZONE);
  let predecessor: ChainPredecessor | null = null;
  if (spec.parent?.admitted && spec.parent.completedAt) {
    predecessor = { creditedFen: spec.parent.creditedAfterFen, endedOn: calendarDateIn(spec.parent.completedAt, ZONE) };
  } else if (row.sourceDeductiblePaidFen !== null) {
    predecessor = { creditedFen: row.sourceDeductiblePaidFen, endedOn: calendarDateIn(row.submittedAt!, ZONE) };
  }
  const estimate = continuousDeductible({
    standardFen: standardDeductibleFen(policy.insurance, to.level, null), predecessor, admittedOn,
    chainWindowDays: policy.insurance.chainWindowDays,
  });
  return {
    admitted: true, admittedOn, eligibleCostFen: null, deductibleBasis: estimate.basis, standardDeductibleFen: estimate.standardFen,
    creditedBeforeFen: estimate.creditedBeforeFen, deductibleDueFen: estimate.dueFen, creditedAfterFen: estimate.creditedAfterFen,
  };
}

