import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { UsersService } from '@countycare/auth';
import { Clock } from '@countycare/common';
import { OrganizationsService } from '@countycare/organizations';
import { ResidentBrief, ResidentsService } from '@countycare/residents';
import { In, Repository } from 'typeorm';
import { RoundSchedule } from './entities/round-schedule.entity';
import { SickbedAssessment } from './entities/sickbed-assessment.entity';
import { SickbedCycle } from './entities/sickbed-cycle.entity';
import { Sickbed } from './entities/sickbed.entity';
import {
  assessmentView, cycleView, SickbedDetailView, sickbedView, SickbedView, ViewContext,
} from './http/sickbed.view';

/**
 * Turns episode rows into views with a fixed number of queries per page:
 * resident briefs, clinician names, schedules and county settings are each
 * loaded once for all rows.
 */
@Injectable()
export class SickbedViews {
  constructor(
    @InjectRepository(RoundSchedule) private readonly schedules: Repository<RoundSchedule>,
    @InjectRepository(SickbedAssessment) private readonly assessments: Repository<SickbedAssessment>,
    @InjectRepository(SickbedCycle) private readonly cycles: Repository<SickbedCycle>,
    private readonly residents: ResidentsService,
    private readonly users: UsersService,
    private readonly orgs: OrganizationsService,
    private readonly clock: Clock,
  ) {}

  async context(countyIds: string[]): Promise<ViewContext> {
    const endWarningDays = new Map<string, number>();
    for (const countyId of new Set(countyIds)) {
      endWarningDays.set(countyId, (await this.orgs.policyFor(countyId)).sickbed.endWarningDays);
    }
    return { now: this.clock.now(), timeZone: this.clock.timeZone, endWarningDays };
  }

  async residentBriefs(ids: string[]): Promise<Map<string, ResidentBrief>> {
    return this.residents.briefs(ids);
  }

  async many(rows: Sickbed[]): Promise<SickbedView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((s) => s.id);
    const [briefs, staff, schedules, ctx] = await Promise.all([
      this.residents.briefs(rows.map((s) => s.residentId)),
      this.staffNames(rows.flatMap((s) => [s.responsibleDoctorId, s.responsibleNurseId])),
      this.schedules.findBy({ episodeId: In(ids) }),
      this.context(rows.map((s) => s.countyId)),
    ]);
    return rows.map((s) => sickbedView(s, {
      resident: briefs.get(s.residentId) ?? { id: s.residentId, name: '', sex: '', age: 0 },
      schedules: schedules.filter((r) => r.episodeId === s.id),
      staff,
    }, ctx));
  }

  async detail(s: Sickbed): Promise<SickbedDetailView> {
    const [[view], latest, cycles] = await Promise.all([
      this.many([s]),
      s.latestAssessmentId ? this.assessments.findOneBy({ id: s.latestAssessmentId }) : Promise.resolve(null),
      this.cycles.find({ where: { episodeId: s.id }, order: { cycleNo: 'ASC' } }),
    ]);
    return { ...view, latestAssessment: latest ? assessmentView(latest) : null, cycles: cycles.map(cycleView) };
  }

  private async staffNames(ids: Array<string | null>): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((id): id is string => id !== null))];
    if (unique.length === 0) return new Map();
    const users = await this.users.findByIds(unique);
    return new Map(users.map((u) => [u.id, u.displayName]));
  }
}
