import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AuditEvent, AuditService, ChainReport } from '@countycare/audit';
import { CurrentActor, Policy } from '@countycare/auth';
import { Actor, ApiPage, ApiProblems, auditDetailProperty, mapPage, Page, PageQueryDto, ProblemException } from '@countycare/common';
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
  @ApiPropertyOptional({ nullable: true, type: String }) resourceId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) residentId: string | null;
  @ApiProperty({ enum: ['treatment', 'admin', 'audit', 'statistics', 'self'] }) purpose: string;
  @ApiPropertyOptional({ nullable: true, type: String }) contextId: string | null;
  @ApiProperty({ enum: ['success', 'denied', 'error'] }) outcome: string;
  @ApiPropertyOptional({ nullable: true, type: String }) requestId: string | null;
  @ApiPropertyOptional(auditDetailProperty(
    'What else the event records, by action: e.g. update `fields` (names changed), transition `event`/`from`/`to`, '
    + 'login_failed `reason`, read `via`. Never personal data. Null when there is nothing more',
  ))
  detail: Record<string, string | number | boolean | null | string[]> | null;
}

/** What a resident sees of who touched their record: no IPs, no request ids. */
export class AccessLogEntryView {
  @ApiProperty() at: string;
  @ApiPropertyOptional({ nullable: true, type: String }) actorName: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) actorRole: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) actorInstitutionId: string | null;
  @ApiProperty() action: string;
  @ApiProperty() resourceType: string;
  @ApiProperty() purpose: string;
  @ApiProperty() outcome: string;
}

/** Where the recomputed hash chain first disagrees with the stored one. */
export class ChainBreakView {
  @ApiProperty({ type: 'integer', description: 'Position in the chain of the first event that does not match' }) chainIndex: number;
  @ApiProperty({ description: 'What does not match' }) reason: string;
}

export class ChainReportView implements ChainReport {
  @ApiProperty() intact: boolean;
  @ApiProperty({ type: 'integer', description: 'Events in the sealed chain' }) sealed: number;
  @ApiProperty({ type: 'integer', description: 'Events not sealed yet' }) pending: number;
  @ApiPropertyOptional({ nullable: true, type: ChainBreakView, description: 'Null while the chain is intact' }) firstBreak: ChainBreakView | null;
}

const eventView = (e: AuditEvent): AuditEventView => ({
  id: e.id, at: e.at.toISOString(), actorId: e.actorId, actorName: e.actorName, actorRole: e.actorRole,
  actorInstitutionId: e.actorInstitutionId, action: e.action, resourceType: e.resourceType, resourceId: e.resourceId,
  residentId: e.residentId, purpose: e.purpose, contextId: e.contextId, outcome: e.outcome, requestId: e.requestId, detail: e.detail,
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
  ) {}

  @Get('audit-events')
  @ApiOperation({ summary: 'The audit log, newest first (system admin: all; county admin: the county). Reading it is audited too.' })
  @ApiPage(AuditEventView)
  @ApiProblems(400, 401, 403)
  async list(@CurrentActor() actor: Actor, @Query() query: AuditQueryDto): Promise<Page<AuditEventView>> {
    if (actor.role === 'resident') throw ProblemException.forbidden();
    const scope = this.policy.scopeWhere(actor, 'read', 'AuditEvent', 'a');
    const page = await this.audit.list(
      { residentId: query.residentId, actorId: query.actorId, from: instant(query.from, 'from'), to: instant(query.to, 'to') },
      query,
      scope,
    );
    await this.audit.record(actor, {
      action: 'read', resourceType: 'audit_log', residentId: query.residentId ?? null, purpose: 'audit',
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
    return {
      items: page.items.map((e) => ({
        at: e.at.toISOString(), actorName: e.actorName, actorRole: e.actorRole, actorInstitutionId: e.actorInstitutionId,
        action: e.action, resourceType: e.resourceType, purpose: e.purpose, outcome: e.outcome,
      })),
      nextCursor: page.nextCursor,
    };
  }
}
