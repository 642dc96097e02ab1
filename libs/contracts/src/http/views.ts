import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONTRACT_ACTIONS, CONTRACT_STATUSES, contractMachine, DELIVERY_MODALITIES, fenToYuan, Fulfilment, PACKAGE_KINDS, PAYLOAD_FIELDS,
  SERVICE_MODALITIES, SIGN_WAYS, TERMINATION_REASONS,
} from '@countycare/domain';
import { ResidentBrief } from '@countycare/residents';
import { Contract } from '../contract.entity';
import { FollowUp } from '../follow-up.entity';
import { PackageItem, ServicePackage } from '../service-package.entity';
import { ServiceRecord } from '../service-record.entity';

export class PackageItemView {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer', description: 'Promised per contract year' }) timesPerYear: number;
  @ApiProperty({ enum: SERVICE_MODALITIES }) modality: string;
  @ApiProperty({ enum: PAYLOAD_FIELDS, isArray: true }) requiredData: string[];
}

export class ServicePackageView {
  @ApiProperty() id: string;
  @ApiProperty() countyId: string;
  @ApiPropertyOptional({ nullable: true, type: String }) ownerInstitutionId: string | null;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PACKAGE_KINDS }) kind: string;
  @ApiProperty({ type: [String] }) targetPopulations: string[];
  @ApiProperty({ example: 120 }) priceYuan: number;
  @ApiProperty({ example: 36, description: 'The resident\'s own part' }) selfPayYuan: number;
  @ApiProperty({ example: 0.3, description: 'selfPayYuan / priceYuan (0 for a free package)' }) selfPayShare: number;
  @ApiProperty({ type: [PackageItemView] }) items: PackageItemView[];
  @ApiProperty() active: boolean;
  @ApiProperty({ type: 'integer' }) version: number;
}

export function packageView(p: ServicePackage, items: PackageItem[]): ServicePackageView {
  return {
    id: p.id, countyId: p.countyId, ownerInstitutionId: p.ownerInstitutionId, code: p.code, name: p.name, kind: p.kind,
    targetPopulations: p.targetPopulations, priceYuan: fenToYuan(p.priceFen), selfPayYuan: fenToYuan(p.selfPayFen),
    selfPayShare: p.priceFen === 0 ? 0 : Math.round((p.selfPayFen / p.priceFen) * 10_000) / 10_000,
    items: items.sort((a, b) => a.position - b.position).map((i) => ({
      code: i.code, name: i.name, timesPerYear: i.timesPerYear, modality: i.modality, requiredData: i.requiredData,
    })),
    active: !!p.active, version: p.version,
  };
}

export class ContractPackageView {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PACKAGE_KINDS }) kind: string;
  @ApiProperty({ description: 'Price at signing, yuan' }) priceYuan: number;
  @ApiProperty({ description: 'Own part at signing, yuan' }) selfPayYuan: number;
  @ApiProperty({ type: [PackageItemView] }) items: PackageItemView[];
}

export class ItemFulfilmentView {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: SERVICE_MODALITIES }) modality: string;
  @ApiProperty({ type: 'integer', description: 'Deliveries promised over the term (windows due after a termination excluded)' }) promised: number;
  @ApiProperty({ type: 'integer', description: 'Qualifying deliveries, surplus included' }) delivered: number;
  @ApiProperty({ type: 'integer', description: 'Deliveries that count: at most one per window for spaced items, at most the promise' }) counted: number;
  @ApiProperty({ example: 0.25, description: 'counted / promised' }) rate: number;
}

export class OverallFulfilmentView {
  @ApiProperty({ type: 'integer' }) promised: number;
  @ApiProperty({ type: 'integer' }) counted: number;
  @ApiProperty({ example: 0.4, description: 'Σ min(delivered, promised) / Σ promised (domain.md §3.6)' }) rate: number;
}

export class FulfilmentView {
  @ApiProperty({ type: [ItemFulfilmentView] }) items: ItemFulfilmentView[];
  @ApiProperty({ type: OverallFulfilmentView }) overall: OverallFulfilmentView;
}

export class SharingConsentView {
  @ApiProperty() given: boolean;
  @ApiProperty({ description: 'When it was last given or withdrawn' }) at: string;
}

export class TerminationView {
  @ApiProperty({ enum: TERMINATION_REASONS }) reason: string;
  @ApiPropertyOptional({ nullable: true, type: String }) note: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'When the resident asked (terminating)' }) requestedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) terminatedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '2026-05-02' }) terminatedOn: string | null;
}

/** Who looks after the resident under this contract, as the resident may see it: names and the service number, no staff personal data. */
export class CareTeamView {
  @ApiProperty() teamId: string;
  @ApiProperty({ example: '城关1组' }) teamName: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: '0570-8881234', description: 'The number the team\'s residents call' })
  servicePhone: string | null;
  @ApiProperty() institutionId: string;
  @ApiProperty({ example: '城关镇卫生院' }) institutionName: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: '陈医生', description: 'Display name of the contract\'s GP (签约医生)' })
  gpName: string | null;
}

export class ContractView {
  @ApiProperty() id: string;
  @ApiProperty() countyId: string;
  @ApiProperty() residentId: string;
  @ApiPropertyOptional({ type: ResidentBrief, description: 'Masked name, sex, age' }) resident?: ResidentBrief;
  @ApiProperty() teamId: string;
  @ApiProperty() institutionId: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Signing / confirming GP' }) gpId: string | null;
  @ApiProperty({ enum: CONTRACT_STATUSES }) status: string;
  @ApiProperty({ enum: CONTRACT_ACTIONS, isArray: true, description: 'Actions the state machine allows now (the caller\'s role may still be refused)' })
  allowedActions: string[];
  @ApiProperty({ example: '2026-03-01' }) startDate: string;
  @ApiProperty({ example: '2027-02-28', description: 'startDate + 1 year − 1 day' }) endDate: string;
  @ApiProperty({ enum: SIGN_WAYS }) signWay: string;
  @ApiProperty({ enum: ['team', 'resident'] }) origin: string;
  @ApiPropertyOptional({ nullable: true, type: String }) signedAt: string | null;
  @ApiProperty({ type: SharingConsentView }) sharingConsent: SharingConsentView;
  @ApiPropertyOptional({ nullable: true, type: String }) predecessorId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) successorId: string | null;
  @ApiProperty({ description: 'Expired and continued by a successor' }) renewed: boolean;
  @ApiPropertyOptional({ nullable: true, type: TerminationView }) termination: TerminationView | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Rejection or cancellation reason' }) closingReason: string | null;
  @ApiPropertyOptional({ type: CareTeamView, description: 'In /me/contracts: the team, its GP\'s display name and its service phone' })
  careTeam?: CareTeamView;
  @ApiPropertyOptional({ type: [ContractPackageView] }) packages?: ContractPackageView[];
  @ApiPropertyOptional({ type: FulfilmentView }) fulfilment?: FulfilmentView;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() createdAt: string;
}

export interface ContractDetail {
  careTeam?: CareTeamView;
  packages: ContractPackageView[];
  fulfilment: Fulfilment;
}

export function contractView(c: Contract, resident?: ResidentBrief, detail?: ContractDetail): ContractView {
  const termination = c.terminationReason
    ? {
      reason: c.terminationReason, note: c.terminationNote, requestedAt: c.terminationRequestedAt?.toISOString() ?? null,
      terminatedAt: c.terminatedAt?.toISOString() ?? null, terminatedOn: c.terminatedOn,
    }
    : null;
  return {
    id: c.id, countyId: c.countyId, residentId: c.residentId, ...(resident ? { resident } : {}), teamId: c.teamId,
    institutionId: c.institutionId, gpId: c.gpId, status: c.status, allowedActions: contractMachine.allowed(c.status),
    startDate: c.startDate, endDate: c.endDate, signWay: c.signWay, origin: c.origin, signedAt: c.signedAt?.toISOString() ?? null,
    sharingConsent: { given: !!c.sharingConsent, at: c.sharingConsentAt.toISOString() },
    predecessorId: c.predecessorId, successorId: c.successorId, renewed: !!c.renewed, termination, closingReason: c.closingReason,
    ...(detail?.careTeam ? { careTeam: detail.careTeam } : {}),
    ...(detail ? { packages: detail.packages, fulfilment: detail.fulfilment } : {}),
    version: c.version, createdAt: c.createdAt.toISOString(),
  };
}

export class ServicePayloadView {
  @ApiPropertyOptional({ type: 'integer', description: 'Systolic blood pressure, mmHg' }) sbp?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Diastolic blood pressure, mmHg' }) dbp?: number;
  @ApiPropertyOptional({ description: 'Fasting glucose, mmol/L, one decimal' }) fastingGlucose?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Heart rate, beats/min' }) heartRate?: number;
  @ApiPropertyOptional({ description: 'Weight, kg, one decimal' }) weightKg?: number;
}

export class ServiceRecordView {
  @ApiProperty() id: string;
  @ApiProperty() contractId: string;
  @ApiProperty() residentId: string;
  @ApiProperty() serviceItemCode: string;
  @ApiProperty() serviceItemName: string;
  @ApiProperty({ example: '2026-03-01T09:30:00.000Z' }) deliveredAt: string;
  @ApiProperty({ example: '2026-03-01', description: 'County-zone day' }) deliveredOn: string;
  @ApiProperty({ enum: DELIVERY_MODALITIES }) modality: string;
  @ApiProperty({ description: 'Institution of the clinician who delivered it (may differ from the contract\'s: county-wide sharing)' })
  deliveringInstitutionId: string;
  @ApiProperty() contractInstitutionId: string;
  @ApiProperty({ description: 'True when delivered by another institution than the signing one' }) shared: boolean;
  @ApiProperty() deliveredBy: string;
  @ApiProperty() deliveredByName: string;
  @ApiPropertyOptional({ nullable: true, type: ServicePayloadView }) payload: ServicePayloadView | null;
  @ApiPropertyOptional({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({
    description: 'Whether it counts toward fulfilment, by the same rule as the contract\'s totals: it fills its item and is among the first ' +
      'deliveries its plan window promised (docs/domain.md §3.5)',
  })
  counted: boolean;
  @ApiPropertyOptional({
    nullable: true, type: String, enum: ['modality_mismatch', 'missing_data', 'outside_plan', 'window_already_met', 'voided'],
    description: 'Why it does not count: wrong modality, measurements missing, no plan window of the item on that day, the window had already ' +
      'been met (surplus), or the record was voided',
  })
  notCountedReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) clientId: string | null;
  @ApiProperty({ enum: ['valid', 'voided'] }) status: string;
  @ApiPropertyOptional({ nullable: true, type: String }) voidReason: string | null;
  @ApiProperty({ type: 'integer' }) version: number;
}

export const serviceRecordView = (r: ServiceRecord): ServiceRecordView => ({
  id: r.id, contractId: r.contractId, residentId: r.residentId, serviceItemCode: r.itemCode, serviceItemName: r.itemName,
  deliveredAt: r.deliveredAt.toISOString(), deliveredOn: r.deliveredOn, modality: r.modality,
  deliveringInstitutionId: r.deliveringInstitutionId, contractInstitutionId: r.contractInstitutionId,
  shared: r.deliveringInstitutionId !== r.contractInstitutionId, deliveredBy: r.deliveredById, deliveredByName: r.deliveredByName,
  payload: r.payload, notes: r.notes, counted: !!r.counted, notCountedReason: r.notCountedReason, clientId: r.clientId,
  status: r.status, voidReason: r.voidReason, version: r.version,
});

export class FollowUpView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['package_item', 'referral_return'] }) kind: string;
  @ApiProperty({ enum: ['contract', 'referral'] }) sourceType: string;
  @ApiProperty() sourceId: string;
  @ApiPropertyOptional({ nullable: true, type: String }) contractId: string | null;
  @ApiProperty() residentId: string;
  @ApiPropertyOptional({ type: ResidentBrief }) resident?: ResidentBrief;
  @ApiPropertyOptional({ nullable: true, type: String }) teamId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) itemCode: string | null;
  @ApiProperty() itemName: string;
  @ApiProperty({ enum: SERVICE_MODALITIES }) modality: string;
  @ApiProperty({ example: '2026-01-01' }) windowStart: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Last day a delivery counts' }) windowEnd: string | null;
  @ApiProperty({ example: '2026-03-17' }) dueDate: string;
  @ApiProperty({ enum: ['overdue', 'this_week', 'later'] }) urgency: string;
  @ApiProperty({ type: 'integer', description: 'Deliveries due in the window' }) dueCount: number;
  @ApiProperty({ type: 'integer', description: 'Qualifying deliveries in the window, surplus included' }) deliveredCount: number;
  @ApiProperty({ enum: ['open', 'met', 'missed', 'dropped'] }) status: string;
}

export const followUpView = (f: FollowUp, urgency: string, resident?: ResidentBrief): FollowUpView => ({
  id: f.id, kind: f.kind, sourceType: f.sourceType, sourceId: f.sourceId, contractId: f.contractId, residentId: f.residentId,
  ...(resident ? { resident } : {}), teamId: f.teamId, itemCode: f.itemCode, itemName: f.itemName, modality: f.modality,
  windowStart: f.windowStart, windowEnd: f.windowEnd, dueDate: f.dueDate, urgency, dueCount: f.dueCount,
  deliveredCount: f.deliveredCount, status: f.status,
});
