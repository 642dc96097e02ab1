import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Policy } from '@countycare/auth';
import { Actor, keysetPage, Page, ProblemException } from '@countycare/common';
import { Repository } from 'typeorm';
import { DeskQueueQueryDto } from './dto/referrals.dto';
import { ReferralView } from './http/referral.view';
import { Referral } from './referral.entity';
import { ReferralsService } from './referrals.service';

/** The referral desk's worklist (转诊服务岗, domain.md §5.3). */
@Injectable()
export class ReferralDeskService {
  constructor(
    @InjectRepository(Referral) private readonly referrals: Repository<Referral>,
    private readonly policy: Policy,
    private readonly views: ReferralsService,
  ) {}

  /**
   * Everything addressed to the caller's institution that still waits for the
   * receiving side (submitted: reply; accepted: schedule; scheduled: arrival;
   * arrived: completion), green channel first, then oldest submission. Served
   * by ix_referrals_desk_queue: one equality range, already in queue order.
   * Whoever may triage there works it: the desk clerk, or for down-referrals
   * the primary-care GP.
   */
  async queue(actor: Actor, query: DeskQueueQueryDto): Promise<Page<ReferralView>> {
    const scope = this.policy.scopeWhere(actor, 'triage', 'Referral', 'r');
    if (!actor.institutionId || !actor.countyId) throw ProblemException.forbidden();
    const qb = this.referrals.createQueryBuilder('r')
      .where('r.countyId = :countyId', { countyId: actor.countyId })
      .andWhere('r.toInstitutionId = :institutionId', { institutionId: actor.institutionId })
      .andWhere('r.deskOpen = 1');
    if (scope) qb.andWhere(scope);
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.urgency) qb.andWhere('r.urgency = :urgency', { urgency: query.urgency });
    const page = await keysetPage(qb, [
      { column: 'r.urgencyRank', direction: 'ASC', value: (r) => r.urgencyRank },
      { column: 'r.submittedAt', direction: 'ASC', value: (r) => r.submittedAt, kind: 'instant' },
      { column: 'r.id', direction: 'ASC', value: (r) => r.id },
    ], query);
    return this.views.listViews(actor, page, 'desk_queue');
  }
}
