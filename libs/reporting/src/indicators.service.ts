import { Injectable } from '@nestjs/common';
import { AuditService } from '@countycare/audit';
import { Policy, SubjectType } from '@countycare/auth';
import { ContractIndicatorsQuery } from '@countycare/contracts';
import { Actor, Clock, Locale, message, ProblemException } from '@countycare/common';
import { ReplicaReads } from '@countycare/database';
import {
  CONTRACT_UNAVAILABLE, contractIndicators, IndicatorPeriod, IndicatorScope, IndicatorValue, REFERRAL_UNAVAILABLE, referralIndicators,
  resolveIndicatorPeriod, sickbedIndicators, UnavailableIndicator,
} from '@countycare/domain';
import { OrganizationsService } from '@countycare/organizations';
import { ReferralIndicatorsQuery } from '@countycare/referrals';
import { SickbedIndicatorsQuery } from '@countycare/sickbeds';
import { IndicatorQueryDto } from './dto/indicator-query.dto';
import {
  ContractIndicatorsView, IndicatorReportView, IndicatorValueView, IndicatorInstitutionView, ReferralIndicatorsView, SickbedIndicatorsView,
} from './http/indicators.view';

type Context = 'contracts' | 'sickbeds' | 'referrals';

/** The records each context's figures are made of: a role that may never read them gets none of the figures. */
const SUBJECT: Record<Context, SubjectType> = { contracts: 'Contract', sickbeds: 'Sickbed', referrals: 'Referral' };

/**
 * County dashboards (domain.md §3.6, §4.4, §5.6): read-only use cases. The
 * scope comes from the caller through the policy layer; the counting is
 * done by each context's indicator query, the formulas by the domain. Each
 * call is audited once, with purpose statistics and no resident.
 */
@Injectable()
export class IndicatorsService {
  constructor(
    private readonly contractCounts: ContractIndicatorsQuery,
    private readonly sickbedCounts: SickbedIndicatorsQuery,
    private readonly referralCounts: ReferralIndicatorsQuery,
    private readonly orgs: OrganizationsService,
    private readonly policy: Policy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly replicas: ReplicaReads,
  ) {}

  async contracts(actor: Actor, query: IndicatorQueryDto, locale: Locale): Promise<ContractIndicatorsView> {
    const { scope, period } = await this.prepare(actor, query, 'contracts');
    const countyPolicy = await this.orgs.policyFor(scope.countyId);
    // the counting statements (ReportingSql.read) may run on a read replica fit for this caller
    const counts = await this.replicas.as(actor, () => this.contractCounts.counts(scope, period, countyPolicy.contract.renewalGraceDays));
    const out = contractIndicators(counts);
    const names = await this.institutionNames(counts.services.flatMap((s) => [s.contractInstitutionId, s.deliveringInstitutionId]));
    await this.audited(actor, 'contracts', scope, period);
    return {
      ...this.report(scope, period, CONTRACT_UNAVAILABLE, locale),
      indicators: this.values(out.indicators, locale),
      breakdowns: {
        keyPopulationByTag: out.keyPopulationByTag.map(({ tag, ...value }) => ({ tag, ...this.value(value, locale) })),
        serviceVolume: counts.services.map((s) => ({
          contractInstitution: names(s.contractInstitutionId), deliveringInstitution: names(s.deliveringInstitutionId),
          services: s.services, shared: s.contractInstitutionId !== s.deliveringInstitutionId,
        })),
      },
    };
  }

  async sickbeds(actor: Actor, query: IndicatorQueryDto, locale: Locale): Promise<SickbedIndicatorsView> {
    const { scope, period } = await this.prepare(actor, query, 'sickbeds');
    const out = sickbedIndicators(await this.replicas.as(actor, () => this.sickbedCounts.counts(scope, period)));
    const names = await this.institutionNames(out.openedByInstitution.map((o) => o.institutionId));
    await this.audited(actor, 'sickbeds', scope, period);
    return {
      ...this.report(scope, period, [], locale),
      indicators: this.values(out.indicators, locale),
      breakdowns: {
        openedByBedType: out.openedByBedType,
        openedByInstitution: out.openedByInstitution.map((o) => ({ institution: names(o.institutionId), beds: o.beds })),
        outcomeMix: out.outcomeMix.map(({ outcome, ...value }) => ({ outcome, ...this.value(value, locale) })),
      },
    };
  }

  async referrals(actor: Actor, query: IndicatorQueryDto, locale: Locale): Promise<ReferralIndicatorsView> {
    const { scope, period } = await this.prepare(actor, query, 'referrals');
    const out = referralIndicators(await this.replicas.as(actor, () => this.referralCounts.counts(scope, period)));
    await this.audited(actor, 'referrals', scope, period);
    return {
      ...this.report(scope, period, REFERRAL_UNAVAILABLE, locale),
      indicators: this.values(out.indicators, locale),
      breakdowns: {
        byDirection: out.byDirection,
        continuousDeductible: { ...out.continuousDeductible, note: message('deductible_estimate', locale) },
      },
    };
  }

  /**
   * Role first (403: residents; the desk for anything but referrals), then
   * the period (400), then the scope (404): the caller's own binding in the
   * policy (a county admin's county, an institution admin's or a desk's
   * institution, a clinician's team), narrowed by the query, and checked
   * against the policy as one record.
   */
  private async prepare(actor: Actor, query: IndicatorQueryDto, context: Context): Promise<{ scope: IndicatorScope; period: IndicatorPeriod }> {
    this.policy.assertRole(actor, 'read', 'Indicator');
    this.policy.assertRole(actor, 'read', SUBJECT[context]);
    const period = resolveIndicatorPeriod(query, this.clock.today());
    const bound = this.boundScope(actor);
    const resource = query.teamId ? 'team' : query.institutionId ? 'institution' : 'county';
    const countyKey = query.countyId ?? actor.countyId;
    if (!countyKey) throw ProblemException.invalid('countyId', 'isDefined');
    const county = await this.orgs.findCountyByCodeOrId(countyKey);
    if (!county) throw ProblemException.notFound('county');
    const institutionId = query.institutionId ?? bound.institutionId ?? null;
    if (institutionId) {
      const institution = await this.orgs.findInstitution(institutionId);
      if (!institution || institution.countyId !== county.id) throw ProblemException.notFound(resource);
    }
    // a clinician may name their own team, no other
    if (query.teamId && bound.teamId && query.teamId !== bound.teamId) throw ProblemException.notFound(resource);
    const teamId = query.teamId ?? bound.teamId;
    const team = teamId ? await this.orgs.findTeam(teamId) : null;
    if (teamId && (!team || team.countyId !== county.id || (institutionId && team.institutionId !== institutionId))) {
      throw ProblemException.notFound(resource);
    }
    const scope: IndicatorScope = { countyId: county.id, institutionId: institutionId ?? team?.institutionId ?? null, teamId: team?.id ?? null };
    this.policy.assertCan(actor, 'read', 'Indicator', scope, resource);
    return { scope, period };
  }

  /** The ids the caller's Indicator rule binds it to (none for the system admin). */
  private boundScope(actor: Actor): { institutionId?: string; teamId?: string } {
    const rule = this.policy.ability(actor).rulesFor('read', 'Indicator').find((r) => r.conditions);
    const conditions = (rule?.conditions ?? {}) as Record<string, unknown>;
    const id = (field: string) => (typeof conditions[field] === 'string' ? (conditions[field] as string) : undefined);
    return { institutionId: id('institutionId'), teamId: id('teamId') };
  }

  private async audited(actor: Actor, context: Context, scope: IndicatorScope, period: IndicatorPeriod): Promise<void> {
    await this.audit.record(actor, {
      action: 'read', resourceType: 'indicators', resourceId: context, countyId: scope.countyId, purpose: 'statistics',
      detail: { institutionId: scope.institutionId, teamId: scope.teamId, from: period.from, to: period.to },
    });
  }

  private report(scope: IndicatorScope, period: IndicatorPeriod, unavailable: readonly UnavailableIndicator[], locale: Locale): IndicatorReportView {
    return {
      scope, period: { from: period.from, to: period.to }, referenceDate: period.referenceDate,
      unavailable: unavailable.map((u) => ({ name: u.name, reason: message(u.reasonCode, locale) })),
    };
  }

  private values<K extends string>(values: Record<K, IndicatorValue>, locale: Locale): Record<K, IndicatorValueView> {
    return Object.fromEntries(Object.entries<IndicatorValue>(values).map(([name, v]) => [name, this.value(v, locale)])) as Record<K, IndicatorValueView>;
  }

  private value(v: IndicatorValue, locale: Locale): IndicatorValueView {
    const { noteCode, noteParams, ...figures } = v;
    return noteCode ? { ...figures, note: message(noteCode, locale, noteParams) } : figures;
  }

  /** Institution names for the breakdowns, in one query. */
  private async institutionNames(ids: string[]): Promise<(id: string) => IndicatorInstitutionView> {
    const found = new Map((await this.orgs.findInstitutions(ids)).map((i) => [i.id, i.name]));
    return (id) => ({ id, name: found.get(id) ?? null });
  }
}
