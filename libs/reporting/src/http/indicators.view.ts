import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BED_TYPES, CLOSURE_OUTCOMES, INDICATOR_UNITS, IndicatorUnit, KEY_POPULATION_TAGS, REFERRAL_DIRECTIONS,
} from '@countycare/domain';

const ind = (description: string) => ({ type: () => IndicatorValueView, description });

/** One figure: numerator, denominator and their rate. */
export class IndicatorValueView {
  @ApiProperty({ type: 'integer', description: 'Numerator; for unit `count`, the count itself; for unit `days`, the total days' })
  numerator: number;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Denominator; null for counts and where no denominator is held' })
  denominator: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'numerator ÷ denominator: a proportion 0..1 (4 decimals), a ratio (4 decimals) or an average in days (2 decimals); null when the denominator is 0 or null, and for counts',
  })
  rate: number | null;

  @ApiProperty({ enum: INDICATOR_UNITS })
  unit: IndicatorUnit;

  @ApiPropertyOptional({ description: 'How the figure is made, in the Accept-Language language' })
  note?: string;
}

export class IndicatorScopeView {
  @ApiProperty() countyId: string;

  @ApiProperty({ type: String, nullable: true, description: 'The institution the figures are narrowed to (a team\'s institution for a team)' })
  institutionId: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The GP team the figures are narrowed to (GPs and nurses see their team)' })
  teamId: string | null;
}

export class IndicatorPeriodView {
  @ApiProperty({ example: '2027-01-01' }) from: string;
  @ApiProperty({ example: '2027-06-30' }) to: string;
}

export class UnavailableIndicatorView {
  @ApiProperty({ example: 'satisfaction' }) name: string;
  @ApiProperty({ description: 'Why CountyCare cannot compute it (which data it would need)' }) reason: string;
}

/** The institution a row of figures is grouped by. */
export class IndicatorInstitutionView {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null when the institution is no longer on record' }) name: string | null;
}

/** What every indicator report carries besides its figures. */
export class IndicatorReportView {
  @ApiProperty({ type: IndicatorScopeView }) scope: IndicatorScopeView;
  @ApiProperty({ type: IndicatorPeriodView }) period: IndicatorPeriodView;

  @ApiProperty({ example: '2027-06-30', description: 'States ("open on", "active on") are taken on this day: `to`, or today when `to` lies ahead' })
  referenceDate: string;

  @ApiProperty({ type: [UnavailableIndicatorView], description: 'Indicators domain.md defines that need data CountyCare does not hold' })
  unavailable: UnavailableIndicatorView[];
}

// ---- family-doctor contracts (domain.md §3.6)

export class ContractIndicatorSetView {
  @ApiProperty(ind('签约率: residents with a contract in force on the reference date ÷ registered residents (the registry stands for the census)'))
  coverage: IndicatorValueView;

  @ApiProperty(ind('重点人群签约率: key-population residents (recorded or age-derived tags, each person once) with a contract in force ÷ key-population residents'))
  keyPopulationCoverage: IndicatorValueView;

  @ApiProperty(ind('履约率 (item level): Σ min(delivered, promised) ÷ Σ promised over the plan windows of contracts in force in the period'))
  itemFulfilment: IndicatorValueView;

  @ApiProperty(ind('履约率 (person level): contracts fully fulfilled ÷ contracts whose term ended in the period'))
  personFulfilment: IndicatorValueView;

  @ApiProperty(ind('续约率: ended contracts with a successor (any team) starting within the grace days ÷ ended contracts, deaths and moves out excluded'))
  renewalRate: IndicatorValueView;

  @ApiProperty(ind('续约率 with the same team'))
  renewalRateSameTeam: IndicatorValueView;

  @ApiProperty(ind('Valid services delivered in the period'))
  serviceVolume: IndicatorValueView;

  @ApiProperty(ind('Services delivered by another institution than the signing one ÷ all services (一地签约、县域服务共享)'))
  sharedServiceShare: IndicatorValueView;
}

export class TagCoverageView extends IndicatorValueView {
  @ApiProperty({ enum: KEY_POPULATION_TAGS }) tag: string;
}

export class ServiceVolumeView {
  @ApiProperty({ type: IndicatorInstitutionView, description: 'The contract\'s (signing) institution' }) contractInstitution: IndicatorInstitutionView;
  @ApiProperty({ type: IndicatorInstitutionView }) deliveringInstitution: IndicatorInstitutionView;
  @ApiProperty({ type: 'integer' }) services: number;
  @ApiProperty({ description: 'Delivered by another institution than the signing one' }) shared: boolean;
}

export class ContractBreakdownsView {
  @ApiProperty({ type: [TagCoverageView], description: 'Coverage per key-population tag' }) keyPopulationByTag: TagCoverageView[];
  @ApiProperty({ type: [ServiceVolumeView], description: 'Services by signing and delivering institution' }) serviceVolume: ServiceVolumeView[];
}

export class ContractIndicatorsView extends IndicatorReportView {
  @ApiProperty({ type: ContractIndicatorSetView }) indicators: ContractIndicatorSetView;
  @ApiProperty({ type: ContractBreakdownsView }) breakdowns: ContractBreakdownsView;
}

// ---- household sickbeds (domain.md §4.4)

export class SickbedIndicatorSetView {
  @ApiProperty(ind('Beds opened (建床) in the period')) bedsOpened: IndicatorValueView;
  @ApiProperty(ind('Beds open on the reference date')) openBeds: IndicatorValueView;
  @ApiProperty(ind('Σ bed days of episodes closed in the period ÷ their count')) averageBedDays: IndicatorValueView;
  @ApiProperty(ind('Doctor rounds done on time ÷ rounds due (see the note for the rule)')) roundCompliance: IndicatorValueView;
  @ApiProperty(ind('Nurse visits done on time ÷ visits due')) nurseVisitCompliance: IndicatorValueView;
  @ApiProperty(ind('Closed with outcome transferred_to_hospital ÷ closed')) transferToHospitalRate: IndicatorValueView;
  @ApiProperty(ind('Active today past the planned end date without an extension')) overdueEpisodes: IndicatorValueView;
}

export class BedTypeCountView {
  @ApiProperty({ enum: BED_TYPES }) bedType: string;
  @ApiProperty({ type: 'integer' }) beds: number;
}

export class InstitutionBedsView {
  @ApiProperty({ type: IndicatorInstitutionView }) institution: IndicatorInstitutionView;
  @ApiProperty({ type: 'integer' }) beds: number;
}

export class OutcomeShareView extends IndicatorValueView {
  @ApiProperty({ enum: CLOSURE_OUTCOMES }) outcome: string;
}

export class SickbedBreakdownsView {
  @ApiProperty({ type: [BedTypeCountView] }) openedByBedType: BedTypeCountView[];
  @ApiProperty({ type: [InstitutionBedsView] }) openedByInstitution: InstitutionBedsView[];
  @ApiProperty({ type: [OutcomeShareView], description: 'Outcome mix (转归) of the episodes closed in the period' }) outcomeMix: OutcomeShareView[];
}

export class SickbedIndicatorsView extends IndicatorReportView {
  @ApiProperty({ type: SickbedIndicatorSetView }) indicators: SickbedIndicatorSetView;
  @ApiProperty({ type: SickbedBreakdownsView }) breakdowns: SickbedBreakdownsView;
}

// ---- referrals (domain.md §5.6)

export class ReferralIndicatorSetView {
  @ApiProperty(ind('上转人次: up-referrals arrived (or completed) in the period')) upReferrals: IndicatorValueView;
  @ApiProperty(ind('下转人次: down-referrals arrived (or completed) in the period')) downReferrals: IndicatorValueView;
  @ApiProperty(ind('下转比: down ÷ up')) downToUpRatio: IndicatorValueView;
  @ApiProperty(ind('受理及时率: answered within the reply limit ÷ submitted (not yet late ones left out)')) timelyAnswerRate: IndicatorValueView;
  @ApiProperty(ind('转诊到诊率: arrived ÷ scheduled, appointments in the period with a known outcome')) arrivalRate: IndicatorValueView;
  @ApiProperty(ind('县外转诊率: up-referrals out of the county ÷ up-referrals submitted (always 0: not supported yet)')) outOfCountyRate: IndicatorValueView;
}

export class ReferralFlowView {
  @ApiProperty({ enum: REFERRAL_DIRECTIONS }) direction: string;
  @ApiProperty({ type: 'integer', description: 'Submitted in the period' }) submitted: number;
  @ApiProperty({ type: 'integer', description: 'Of those, answered within the reply limit' }) answeredInTime: number;
  @ApiProperty({ type: 'integer', description: 'Of those, not late yet (limit ahead, or called off before it)' }) undecided: number;
  @ApiProperty({ type: 'integer', description: 'Arrived in the period' }) arrived: number;
  @ApiProperty({ type: 'integer', description: 'Completed in the period' }) completed: number;
}

export class ContinuousDeductibleView {
  @ApiProperty({ type: 'integer', description: 'Completed with an admission and a stored estimate' }) admittedReferrals: number;
  @ApiProperty({ description: 'Σ standard deductibles of the receiving levels, yuan' }) standardYuan: number;
  @ApiProperty({ description: 'Σ deductibles still due after continuous counting, yuan' }) dueYuan: number;
  @ApiProperty({ description: 'Σ standard − Σ due: what continuous counting spared patients, yuan' }) relievedYuan: number;
  @ApiProperty() note: string;
}

export class ReferralBreakdownsView {
  @ApiProperty({ type: [ReferralFlowView] }) byDirection: ReferralFlowView[];
  @ApiProperty({ type: ContinuousDeductibleView, description: '连续计算起付线 (domain.md §5.5) totals' }) continuousDeductible: ContinuousDeductibleView;
}

export class ReferralIndicatorsView extends IndicatorReportView {
  @ApiProperty({ type: ReferralIndicatorSetView }) indicators: ReferralIndicatorSetView;
  @ApiProperty({ type: ReferralBreakdownsView }) breakdowns: ReferralBreakdownsView;
}
