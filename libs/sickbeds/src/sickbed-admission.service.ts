import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditService } from '@countycare/audit';
import { Actor, Clock } from '@countycare/common';
import { TransactionRunner } from '@countycare/database';
import { SickbedStateMachine } from '@countycare/domain';
import { NotificationsService } from '@countycare/notifications';
import { InpatientAdmission, InpatientAdmissions } from '@countycare/referrals';
import { EntityManager } from 'typeorm';
import { Sickbed } from './entities/sickbed.entity';
import { lockSickbed, pauseRoundSchedules } from './sickbed-support';

/**
 * A household sickbed must be closed before an inpatient admission (domain.md
 * §4.2, §4.3): when a referred patient with an active bed is admitted, the bed
 * moves to closing (预撤床) with outcome transferred_to_hospital in the same
 * transaction, its rounds stop falling due, and the responsible doctor is told
 * to complete the closure summary and finalize it. The desk records an
 * admission that has happened; refusing it would only leave two inpatient
 * episodes on record.
 */
@Injectable()
export class SickbedAdmissionClosure implements OnModuleInit {
  constructor(
    private readonly admissions: InpatientAdmissions,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.admissions.onAdmission((em, actor, admission) => this.closeForAdmission(em, actor, admission));
  }

  private async closeForAdmission(em: EntityManager, actor: Actor, a: InpatientAdmission): Promise<void> {
    const open = await em.getRepository(Sickbed).findOne({ where: { openResidentId: a.residentId }, select: { id: true } });
    if (!open) return;
    const s = (await lockSickbed(this.tx, em, open.id))!;
    if (!SickbedStateMachine.can(s.status, 'close')) return;
    const from = s.status;
    const closureDate = s.startDate && a.admittedOn < s.startDate ? s.startDate : a.admittedOn;
    Object.assign(s, {
      status: SickbedStateMachine.next(from, 'close'), closureDate, closureOutcome: 'transferred_to_hospital',
      closureDiagnosisCode: a.primaryDiagnosis.code, closureDiagnosisName: a.primaryDiagnosis.name,
      closureSummary: `转诊住院：${a.admittedOn} 经转诊单 ${a.referralNo} 入住${a.institutionName}，家庭病床预撤床（系统按入院记录）。撤床小结待责任医生补写后撤床。`,
      closureRecordedAt: this.clock.now(), closureRecordedById: actor.userId, linkedReferralId: s.linkedReferralId ?? a.referralId,
    });
    await em.save(Sickbed, s);
    await pauseRoundSchedules(em, s.id);
    await this.audit.record(actor, {
      action: 'transition', resourceType: 'sickbed', resourceId: s.id, residentId: s.residentId, countyId: s.countyId, contextId: a.referralId,
      detail: { event: 'close', from, to: s.status, outcome: 'transferred_to_hospital', cause: 'inpatient_admission', referralId: a.referralId },
    }, em);
    if (s.responsibleDoctorId) {
      await this.notifications.notify({
        dedupeKey: `sickbed_closed_for_admission:${s.id}:${a.referralId}`, countyId: s.countyId, kind: 'sickbed_closed_for_admission',
        subjectType: 'sickbed', subjectId: s.id, residentId: s.residentId, recipientUserId: s.responsibleDoctorId,
        data: { referralNo: a.referralNo, admittedOn: a.admittedOn, institution: a.institutionName },
      }, em);
    }
  }
}
