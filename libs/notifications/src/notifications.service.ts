import { Injectable } from '@nestjs/common';
import { Actor, Clock, isUniqueViolation, keysetPage, newId, Page, ProblemException } from '@countycare/common';
import { TransactionRunner } from '@countycare/database';
import { Brackets, EntityManager } from 'typeorm';
import { Notification } from './notification.entity';

export interface NewNotification {
  /** Same key, same notification: e.g. `contract_expiring:<contractId>:<endDate>`. */
  dedupeKey: string;
  countyId: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  residentId?: string | null;
  recipientUserId?: string | null;
  recipientTeamId?: string | null;
  recipientInstitutionId?: string | null;
  data?: Record<string, string | number | boolean | null>;
}

@Injectable()
export class NotificationsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /**
   * Records a notification unless one with the same dedupe key exists; true
   * when this call created it. Inside a transaction pass its manager.
   */
  async notify(input: NewNotification, em?: EntityManager): Promise<boolean> {
    const row = {
      id: newId(), dedupeKey: input.dedupeKey, countyId: input.countyId, kind: input.kind, subjectType: input.subjectType,
      subjectId: input.subjectId, residentId: input.residentId ?? null, recipientUserId: input.recipientUserId ?? null,
      recipientTeamId: input.recipientTeamId ?? null, recipientInstitutionId: input.recipientInstitutionId ?? null,
      data: input.data ?? null, createdAt: this.clock.now(), readAt: null,
    };
    const insert = async (m: EntityManager) => {
      const existing = await m.getRepository(Notification).findOne({ where: { dedupeKey: input.dedupeKey }, select: { id: true } });
      if (existing) return false;
      await m.insert(Notification, row);
      return true;
    };
    try {
      return em ? await insert(em) : await this.tx.run(insert);
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  /** The caller's notifications: addressed to them, their team or their institution; newest first. */
  list(actor: Actor, page: { limit?: number; cursor?: string; unreadOnly?: boolean }): Promise<Page<Notification>> {
    const qb = this.tx.dataSource.getRepository(Notification).createQueryBuilder('n');
    qb.where(new Brackets((w) => {
      w.where('n.recipientUserId = :user', { user: actor.userId });
      if (actor.teamId) w.orWhere('n.recipientTeamId = :team', { team: actor.teamId });
      if (actor.institutionId && actor.role !== 'gp' && actor.role !== 'nurse') {
        w.orWhere('n.recipientInstitutionId = :inst', { inst: actor.institutionId });
      }
    }));
    if (page.unreadOnly) qb.andWhere('n.readAt IS NULL');
    return keysetPage(qb, [{ column: 'n.id', direction: 'DESC', value: (n) => n.id }], page);
  }

  async markRead(actor: Actor, id: string): Promise<Notification> {
    return this.tx.run(async (em) => {
      const n = await em.getRepository(Notification).findOneBy({ id });
      const mine = n && (n.recipientUserId === actor.userId || (actor.teamId && n.recipientTeamId === actor.teamId) ||
        (actor.institutionId && n.recipientInstitutionId === actor.institutionId && actor.role !== 'gp' && actor.role !== 'nurse'));
      if (!n || !mine) throw ProblemException.notFound('notification');
      if (!n.readAt) {
        n.readAt = this.clock.now();
        await em.update(Notification, { id }, { readAt: n.readAt });
      }
      return n;
    });
  }
}
