import { DemoContext, newId } from '@countycare/common';
import {
  bedDays, calendarDateIn, ClosureOutcome, cycleEndDate, EligibilityCriteria, resolveCountyPolicy, resolveRoundPlan, ROUND_KINDS,
  RoundKind, SickbedStatus,
} from '@countycare/domain';
import { County } from '@countycare/organizations';
import { EntityManager } from 'typeorm';
import { RoundSchedule } from './entities/round-schedule.entity';
import { SickbedAssessment } from './entities/sickbed-assessment.entity';
import { SickbedCycle } from './entities/sickbed-cycle.entity';
import { SickbedOrder } from './entities/sickbed-order.entity';
import { SickbedRound } from './entities/sickbed-round.entity';
import { Sickbed } from './entities/sickbed.entity';
import { nextDueFor } from './sickbed-support';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The demo county's zone (TZ_COUNTY default). */
const ZONE = 'Asia/Shanghai';

const ELIGIBLE: EligibilityCriteria = {
  diagnosisClear: true, conditionStable: true, homeSafe: true, caregiverPresent: true, indications: ['bedridden_or_disabled'], exclusions: [],
};

interface Spec {
  status: SickbedStatus;
  resident: string;
  team: number;
  /** Days before now the application was made. */
  appliedDaysAgo: number;
  /** Days before now the bed opened (active, closing, closed). */
  openedDaysAgo?: number;
  diagnosis: [string, string];
  bedType?: 'treatment' | 'rehabilitation' | 'palliative';
  /** Days before now of each doctor round and nurse visit. */
  doctorRounds?: number[];
  nurseVisits?: number[];
  closure?: { daysAgo: number; outcome: ClosureOutcome; finalized: boolean };
}

/**
 * Nine household-sickbed episodes of the demo county in every stage: an
 * application, one being assessed, one approved, four active beds (the demo
 * resident's on schedule, one with a doctor round overdue, one still
 * waiting for its first doctor round past 48 h, one whose cycle ends within
 * the warning window), one closing and one closed, with rounds and orders.
 */
export async function seedDemoSickbeds(em: EntityManager, ctx: DemoContext): Promise<void> {
  const county = await em.getRepository(County).findOneByOrFail({ id: ctx.countyId });
  const policy = resolveCountyPolicy(county.policy ?? {}).sickbed;
  const plan = resolveRoundPlan(policy);
  const r = (n: number) => ctx.residentIds[n % ctx.residentIds.length];
  const daysAgo = (d: number) => new Date(ctx.now.getTime() - d * DAY);

  const specs: Spec[] = [
    { status: 'applied', resident: r(40), team: 0, appliedDaysAgo: 1, diagnosis: ['I69.3', '脑梗死后遗症'] },
    { status: 'assessing', resident: r(41), team: 1, appliedDaysAgo: 3, diagnosis: ['C34.9', '肺恶性肿瘤'] },
    { status: 'approved', resident: r(42), team: 0, appliedDaysAgo: 5, diagnosis: ['S72.0', '股骨颈骨折术后'], bedType: 'rehabilitation' },
    {
      status: 'active', resident: ctx.demoResidentId, team: 0, appliedDaysAgo: 24, openedDaysAgo: 20, diagnosis: ['I69.3', '脑梗死后遗症'],
      bedType: 'rehabilitation', doctorRounds: [19, 12, 5], nurseVisits: [18, 13, 8, 3],
    },
    {
      status: 'active', resident: r(43), team: 0, appliedDaysAgo: 34, openedDaysAgo: 30, diagnosis: ['L89.3', '压力性溃疡'],
      bedType: 'treatment', doctorRounds: [29, 22, 16], nurseVisits: [27, 20, 14, 8, 2],
    },
    {
      status: 'active', resident: r(44), team: 1, appliedDaysAgo: 6, openedDaysAgo: 3.5, diagnosis: ['J44.1', '慢性阻塞性肺病急性加重'],
      bedType: 'treatment', nurseVisits: [2],
    },
    {
      status: 'active', resident: r(45), team: 1, appliedDaysAgo: 90, openedDaysAgo: policy.maxCycleDays - 4, diagnosis: ['C16.9', '胃恶性肿瘤'],
      bedType: 'palliative', doctorRounds: [6, 1], nurseVisits: [4, 1],
    },
    {
      status: 'closing', resident: r(46), team: 1, appliedDaysAgo: 45, openedDaysAgo: 40, diagnosis: ['E11.9', '2型糖尿病'],
      bedType: 'treatment', doctorRounds: [38, 31, 24, 17, 10, 3], nurseVisits: [36, 29, 22, 15, 8, 2],
      closure: { daysAgo: 1, outcome: 'improved', finalized: false },
    },
    {
      status: 'closed', resident: r(47), team: 0, appliedDaysAgo: 75, openedDaysAgo: 70, diagnosis: ['I50.9', '心力衰竭'],
      bedType: 'treatment', doctorRounds: [68, 61, 54, 47, 40, 33, 26, 19], nurseVisits: [66, 59, 52, 45, 38, 31, 24, 17],
      closure: { daysAgo: 12, outcome: 'recovered', finalized: true },
    },
  ];

  for (const spec of specs) {
    const team = ctx.teams[spec.team % ctx.teams.length];
    const appliedAt = daysAgo(spec.appliedDaysAgo);
    const opened = spec.openedDaysAgo !== undefined;
    const openedAt = opened ? daysAgo(spec.openedDaysAgo!) : null;
    const startDate = openedAt ? calendarDateIn(openedAt, ZONE) : null;
    const plannedEndDate = startDate ? cycleEndDate(startDate, policy.maxCycleDays) : null;
    const episode = Object.assign(new Sickbed(), {
      id: newId(appliedAt.getTime()), countyId: ctx.countyId, institutionId: team.institutionId, teamId: team.id, residentId: spec.resident,
      status: spec.status, appliedById: team.gpUserId, appliedAt, conditionSummary: `${spec.diagnosis[1]}，行动不便，家属照护。`,
      admissionIndication: '病情稳定，往返医院困难，需定期上门诊疗和护理，建议建床。', diagnosisDate: calendarDateIn(daysAgo(spec.appliedDaysAgo + 60), ZONE),
      submittedAt: spec.status === 'applied' ? null : new Date(appliedAt.getTime() + HOUR),
      responsibleDoctorId: team.gpUserId, responsibleNurseId: opened ? team.nurseUserId : null, cycleNo: opened ? 1 : 0,
      bedType: spec.bedType ?? null, admissionDiagnosisCode: opened ? spec.diagnosis[0] : null, admissionDiagnosisName: opened ? spec.diagnosis[1] : null,
      startDate, plannedEndDate, cycleStartDate: startDate, openedAt, openedById: opened ? team.gpUserId : null,
      firstRoundHours: opened ? plan.firstRoundHours : null, doctorIntervalDays: opened ? plan.doctorRoundIntervalDays : null,
      nurseIntervalDays: opened ? plan.nurseVisitIntervalDays : null, version: 1, createdAt: appliedAt, updatedAt: ctx.now,
    });
    if (spec.status !== 'applied') {
      const assessed = new Date(appliedAt.getTime() + 2 * HOUR);
      const assessment = Object.assign(new SickbedAssessment(), {
        id: newId(assessed.getTime()), countyId: ctx.countyId, episodeId: episode.id, residentId: spec.resident, kind: 'admission', cycleNo: null,
        result: spec.status === 'assessing' ? 'pending' : 'eligible', criteria: ELIGIBLE, functionalScore: 35,
        consentSigned: spec.status !== 'assessing', agreementSigned: spec.status !== 'assessing',
        reason: spec.status === 'assessing' ? '待家属确认照护人' : null, assessedById: team.gpUserId, assessedAt: assessed,
      });
      await em.insert(SickbedAssessment, assessment);
      episode.latestAssessmentId = assessment.id;
      if (spec.status !== 'assessing') Object.assign(episode, { decidedById: team.gpUserId, decidedAt: new Date(assessed.getTime() + HOUR) });
    }
    if (spec.closure) {
      const closureDate = calendarDateIn(daysAgo(spec.closure.daysAgo), ZONE);
      Object.assign(episode, {
        closureDate, closureOutcome: spec.closure.outcome, closureDiagnosisCode: spec.diagnosis[0], closureDiagnosisName: spec.diagnosis[1],
        closureSummary: '建床期间规律查床及护理，症状好转，生活部分自理。', conditionAtClosure: '病情稳定', closureAdvice: '家庭医生签约随访，每月一次。',
        closureRecordedAt: daysAgo(spec.closure.daysAgo), closureRecordedById: team.gpUserId,
        closedAt: spec.closure.finalized ? daysAgo(spec.closure.daysAgo - 1) : null,
        closedById: spec.closure.finalized ? team.gpUserId : null,
        bedDays: spec.closure.finalized ? bedDays(startDate!, closureDate) : null,
      });
    }
    await em.insert(Sickbed, episode);
    if (!opened) continue;

    await em.insert(SickbedCycle, {
      id: newId(openedAt!.getTime()), countyId: ctx.countyId, episodeId: episode.id, cycleNo: 1, startDate: startDate!,
      plannedEndDate: plannedEndDate!, assessmentId: episode.latestAssessmentId!, createdById: team.gpUserId, createdAt: openedAt!,
    });
    const visits: Record<RoundKind, number[]> = { doctor: spec.doctorRounds ?? [], nurse: spec.nurseVisits ?? [] };
    for (const kind of ROUND_KINDS) {
      const rows = visits[kind].map((d, i) => Object.assign(new SickbedRound(), {
        id: newId(daysAgo(d).getTime()), countyId: ctx.countyId, episodeId: episode.id, residentId: spec.resident, kind, cycleNo: 1,
        visitedAt: daysAgo(d), practitionerId: kind === 'doctor' ? team.gpUserId : team.nurseUserId,
        sbp: 128 + (i % 3) * 6, dbp: 78 + (i % 2) * 4, pulse: 72 + i, temperatureTenths: 364 + (i % 3), spo2: 96, glucoseTenths: kind === 'doctor' ? 68 + i : null,
        findings: kind === 'doctor' ? '神志清，精神可，双肺呼吸音清，伤口无渗出。' : '协助翻身拍背，皮肤完整。',
        notes: kind === 'doctor' ? '继续当前治疗方案。' : '指导家属护理要点。', clientId: null, createdAt: daysAgo(d),
      }));
      if (rows.length) await em.insert(SickbedRound, rows);
      const last = rows.length ? rows.reduce((a, b) => (a.visitedAt > b.visitedAt ? a : b)).visitedAt : null;
      await em.insert(RoundSchedule, Object.assign(new RoundSchedule(), {
        id: newId(openedAt!.getTime()), countyId: ctx.countyId, episodeId: episode.id, kind,
        assigneeId: kind === 'doctor' ? team.gpUserId : team.nurseUserId, institutionId: team.institutionId, teamId: team.id,
        residentId: spec.resident, responsibleDoctorId: team.gpUserId, responsibleNurseId: team.nurseUserId,
        dueAt: spec.status === 'active' ? nextDueFor(episode, kind, last, ZONE) : null, lastRoundAt: last, overdueNotifiedDueAt: null,
      }));
    }
    const orderAt = new Date(openedAt!.getTime() + 3 * HOUR);
    const closedOrders = spec.status === 'closed';
    await em.insert(SickbedOrder, [
      {
        id: newId(orderAt.getTime()), countyId: ctx.countyId, episodeId: episode.id, residentId: spec.resident, type: 'medication', longTerm: true,
        content: '阿司匹林肠溶片 100mg 口服 每日一次', drugCode: 'XB01ACA056A001', dose: '100mg', route: 'po', frequency: 'qd',
        status: closedOrders ? 'stopped' : 'active', startedAt: orderAt, startedById: team.gpUserId,
        stoppedAt: closedOrders ? episode.closedAt : null, stoppedById: closedOrders ? team.gpUserId : null,
        stopReason: closedOrders ? 'episode_closed' : null, version: 1,
      },
      {
        id: newId(orderAt.getTime() + 1), countyId: ctx.countyId, episodeId: episode.id, residentId: spec.resident, type: 'nursing', longTerm: true,
        content: '二级护理，每两小时翻身一次', drugCode: null, dose: null, route: null, frequency: 'q2h',
        status: closedOrders ? 'stopped' : 'active', startedAt: orderAt, startedById: team.gpUserId,
        stoppedAt: closedOrders ? episode.closedAt : null, stoppedById: closedOrders ? team.gpUserId : null,
        stopReason: closedOrders ? 'episode_closed' : null, version: 1,
      },
      {
        id: newId(orderAt.getTime() + 2), countyId: ctx.countyId, episodeId: episode.id, residentId: spec.resident, type: 'test', longTerm: false,
        content: '血常规、肝肾功能', drugCode: null, dose: null, route: null, frequency: 'once', status: 'stopped', startedAt: orderAt,
        startedById: team.gpUserId, stoppedAt: new Date(orderAt.getTime() + DAY), stoppedById: team.gpUserId, stopReason: '已完成', version: 1,
      },
    ]);
  }
}
