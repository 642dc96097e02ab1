import { TransactionRunner } from '@countycare/database';
import { nextRoundDue, RoundKind, RoundPlan } from '@countycare/domain';
import { EntityManager } from 'typeorm';
import { RoundSchedule } from './entities/round-schedule.entity';
import { Sickbed } from './entities/sickbed.entity';

/** Reads the episode row for a change: FOR UPDATE on MySQL, the writer mutex on SQLite. */
export function lockSickbed(tx: TransactionRunner, em: EntityManager, id: string): Promise<Sickbed | null> {
  return tx.forUpdate(em.getRepository(Sickbed).createQueryBuilder('s').where('s.id = :id', { id })).getOne();
}

/** The episode's plan as fixed at opening. */
export function planOf(s: Sickbed): RoundPlan {
  return { firstRoundHours: s.firstRoundHours!, doctorRoundIntervalDays: s.doctorIntervalDays!, nurseVisitIntervalDays: s.nurseIntervalDays! };
}

/** When the next round of `kind` falls due on an opened episode, given the latest one. */
export function nextDueFor(s: Sickbed, kind: RoundKind, lastRoundAt: Date | null, timeZone: string): Date {
  return nextRoundDue({ kind, plan: planOf(s), openedAt: s.openedAt!, startDate: s.startDate!, lastRoundAt, timeZone });
}

/** Rounds of an episode stop falling due (closure recorded). */
export async function pauseRoundSchedules(em: EntityManager, episodeId: string): Promise<void> {
  await em.createQueryBuilder().update(RoundSchedule).set({ dueAt: null }).where('episode_id = :episodeId', { episodeId }).execute();
}
