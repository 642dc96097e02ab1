import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AuditEvent, AuditScope, AuditService, ChainReport, isUuid } from '@countycare/audit';
import { CurrentActor, Policy } from '@countycare/auth';
import { OrganizationsService } from '@countycare/organizations';
import { Actor, ApiPage, ApiProblems, auditDetailProperty, mapPage, Page, PageQueryDto, ProblemException } from '@countycare/common';
import { REVEAL_REASONS, RevealReason } from '@countycare/domain';
import { AuditQueryDto } from '../dto/audit-query.dto';

export class AuditEventView {
  @ApiProperty() id: string;
  @ApiProperty() at: string;
  @ApiPropertyOptional({ nullable: true, type: String }) actorId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) actorName: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) actorRole: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) actorInstitutionId: string | null;
  @ApiProperty() action: string;
  @ApiProperty() resourceType: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The record read or changed; null on a list read of several records' })
  resourceId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The one resident the event concerns; null when it names none or several (see residentIds)' })
  residentId: string | null;
  @ApiProperty({ type: [String], description: 'Every resident the event touched: one for a detail read or a change, each listed resident for a list read' })
  residentIds: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) countyId: string | null;
  @ApiProperty({ enum: ['treatment', 'admin', 'audit', 'statistics', 'self'] }) purpose: string;
  @ApiPropertyOptional({ nullable: true, type: String }) contextId: string | null;
  @ApiProperty({ enum: ['success', 'denied', 'error'] }) outcome: string;
  @ApiPropertyOptional({ nullable: true, type: String }) requestId: string | null;
  @ApiPropertyOptional(auditDetailProperty(
    'What else the event records, by action: e.g. update `fields` (names changed), transition `event`/`from`/`to`, '
    + 'login_failed `reason`, read `via`, and `count` on a list read (how many records the page listed). Never personal data. '
    + 'Null when there is nothing more',
  ))
  detail: Record<string, string | number | boolean | null | string[]> | null;
}

/** What a resident sees of who touched their record: no IPs, no request ids. */
const revealReasonOf = (reason: unknown): RevealReason | null =>
  (REVEAL_REASONS as readonly unknown[]).includes(reason) ? (reason as RevealReason) : null;

export class AccessLogEntryView {
  @ApiProperty() at: string;
  @ApiPropertyOptional({ nullable: true, type: String }) actorName: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) actorRole: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) actorInstitutionId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '城关镇卫生院', description: 'The institution the staff member works at, by name' })
  actorInstitutionName: string | null;
  @ApiProperty() action: string;
  @ApiProperty() resourceType: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'How the record was reached: `list`, `search`, `worklist`, `scope`, `county_sharing`…' })
  via: string | null;
  @ApiProperty() purpose: string;
  @ApiPropertyOptional({
    nullable: true, enum: REVEAL_REASONS, description: 'A reveal of the full ID and phone numbers (action `reveal_pii`): the reason the staff member gave',
  })
  revealReason: RevealReason | null;
  @ApiProperty() outcome: string;
}

/** Where the recomputed hash chain first disagrees with the stored one. */
export class ChainBreakView {
  @ApiProperty({ type: 'integer', description: 'Position in the chain of the first seal that does not match' }) chainIndex: number;
  @ApiProperty({
    enum: ['seal_missing', 'event_missing', 'event_added', 'subject_orphan', 'prev_hash_mismatch', 'unknown_format', 'event_altered'],
    description: 'What does not match: a seal gone, an event gone from or added to the sealed batch, a subject row naming no event '
      + 'of it, a link that does not follow its predecessor, a format nobody wrote, or an event or one of its subject rows edited',
  })
  reason: NonNullable<ChainReport['firstBreak']>['reason'];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The first event id the broken seal covers' }) firstEventId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The last event id the broken seal covers' }) lastEventId: string | null;
}

export class ArchivedThroughView {
  @ApiProperty({ example: '2023-05', description: 'The newest month archived and dropped (UTC)' }) month: string;
  @ApiProperty({ type: 'integer', description: 'The chain index of its last seal: verification starts from its hash' }) chainIndex: number;
}

export class ChainReportView implements ChainReport {
  @ApiProperty() intact: boolean;
  @ApiProperty({ type: 'integer', description: 'Events of the sealed chain verified in the database' }) sealed: number;
  @ApiProperty({ type: 'integer', description: 'Events not sealed yet (the newest seconds are sealed by the worker)' }) pending: number;
  @ApiPropertyOptional({ nullable: true, type: ChainBreakView, description: 'Null while the chain is intact' }) firstBreak: ChainBreakView | null;
  @ApiPropertyOptional({
    nullable: true, type: ArchivedThroughView,
    description: 'Months before this one were archived (`npm run audit:verify -- --archive <dir>` verifies their files); null when none was',
  })
  archivedThrough: ArchivedThroughView | null;
}

const eventView = (e: AuditEvent): AuditEventView => ({
  id: e.id, at: e.at.toISOString(), actorId: e.actorId, actorName: e.actorName, actorRole: e.actorRole,
  actorInstitutionId: e.actorInstitutionId, action: e.action, resourceType: e.resourceType, resourceId: e.resourceId,
  residentId: e.residentRef ?? (e.residentIds.length === 1 ? e.residentIds[0] : null), residentIds: e.residentIds, countyId: e.countyId,
  purpose: e.purpose, contextId: e.contextId, outcome: e.outcome, requestId: e.requestId, detail: e.detail,
});

function instant(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw ProblemException.invalid(field, 'isISO8601');
  return date;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly policy: Policy,
    private readonly orgs: OrganizationsService,
  ) {}

  @Get('audit-events')
  @ApiOperation({ summary: 'The audit log, newest first (system admin: all; county admin: the county). Reading it is audited too.' })
  @ApiPage(AuditEventView)
  @ApiProblems(400, 401, 403)
  async list(@CurrentActor() actor: Actor, @Query() query: AuditQueryDto): Promise<Page<AuditEventView>> {
    if (actor.role === 'resident') throw ProblemException.forbidden();
    const page = await this.audit.list(
      { residentId: query.residentId, actorId: query.actorId, from: instant(query.from, 'from'), to: instant(query.to, 'to') },
      query,
      this.scope(actor),
    );
    await this.audit.record(actor, {
      action: 'read', resourceType: 'audit_log', residentId: query.residentId && isUuid(query.residentId) ? query.residentId : null, purpose: 'audit',
      detail: { residentId: query.residentId ?? null, actorId: query.actorId ?? null },
    });
    return mapPage(page, eventView);
  }

  @Get('audit-events/verify')
  @ApiOperation({ summary: 'Seal pending events and re-compute the hash chain (system admin)' })
  @ApiOkResponse({ type: ChainReportView })
  @ApiProblems(401, 403)
  async verify(@CurrentActor() actor: Actor): Promise<ChainReport> {
    if (actor.role !== 'system_admin') throw ProblemException.forbidden();
    const report = await this.audit.verifyChain();
    await this.audit.record(actor, { action: 'read', resourceType: 'audit_chain', purpose: 'audit', detail: { intact: report.intact } });
    return report;
  }

  @Get('me/access-log')
  @ApiTags('me')
  @ApiOperation({ summary: 'Resident: who read or changed my records, when and why' })
  @ApiPage(AccessLogEntryView)
  @ApiProblems(400, 401, 403)
  async accessLog(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<AccessLogEntryView>> {
    if (actor.role !== 'resident' || !actor.residentId) throw ProblemException.forbidden();
    const page = await this.audit.list({ residentId: actor.residentId }, query, null);
    // the institutions by name from the organizations cache (a county has hundreds: the resident cannot look them up)
    const ids = [...new Set(page.items.flatMap((e) => (e.actorInstitutionId ? [e.actorInstitutionId] : [])))];
    const names = new Map((await this.orgs.findInstitutions(ids)).map((i) => [i.id, i.name]));
    return mapPage(page, (e) => ({
      at: e.at.toISOString(), actorName: e.actorName, actorRole: e.actorRole, actorInstitutionId: e.actorInstitutionId,
      actorInstitutionName: e.actorInstitutionId ? names.get(e.actorInstitutionId) ?? null : null,
      action: e.action, resourceType: e.resourceType, via: typeof e.detail?.via === 'string' ? e.detail.via : null,
      purpose: e.purpose, revealReason: revealReasonOf(e.detail?.reason), outcome: e.outcome,
    }));
  }

  /**
   * The policy's scope of AuditEvent reads (libs/auth app-ability) as the
   * audit lib's filter: unconditioned (system admin) or one county (county
   * admin). The log is fixed SQL, so the rule is read, not turned into a
   * query-builder clause.
   */
  private scope(actor: Actor): AuditScope | null {
    this.policy.assertRole(actor, 'read', 'AuditEvent');
    const rules = this.policy.ability(actor).rulesFor('read', 'AuditEvent');
    if (rules.some((r) => !r.conditions && !r.inverted)) return null;
    const county = rules.map((r) => (r.conditions as { countyId?: unknown } | undefined)?.countyId).find((c) => typeof c === 'string');
    if (typeof county !== 'string') throw ProblemException.forbidden();
    return { countyId: county };
  }
}
