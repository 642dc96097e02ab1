import { Injectable } from '@nestjs/common';
import type { Actor } from '@countycare/common';
import type { CalendarDate } from '@countycare/domain';
import type { EntityManager } from 'typeorm';

/** A referred patient admitted as an inpatient at the receiving institution (a referral completed with `admitted: true`). */
export interface InpatientAdmission {
  countyId: string;
  residentId: string;
  referralId: string;
  referralNo: string;
  institutionId: string;
  institutionName: string;
  admittedOn: CalendarDate;
  primaryDiagnosis: { code: string; name: string };
}

export type AdmissionListener = (em: EntityManager, actor: Actor, admission: InpatientAdmission) => Promise<void>;

/**
 * What other contexts must do when a referred patient is admitted, run in
 * the transaction that records the admission so that both happen or neither
 * (a household sickbed closes: one inpatient episode at a time, domain.md
 * §4.3). Contexts that referrals may not import (sickbeds depends on
 * referrals) register themselves here.
 */
@Injectable()
export class InpatientAdmissions {
  private readonly listeners: AdmissionListener[] = [];

  onAdmission(listener: AdmissionListener): void {
    this.listeners.push(listener);
  }

  async admitted(em: EntityManager, actor: Actor, admission: InpatientAdmission): Promise<void> {
    for (const listener of this.listeners) await listener(em, actor, admission);
  }
}
