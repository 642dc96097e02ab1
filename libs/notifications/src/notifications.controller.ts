import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '@countycare/auth';
import { Actor, ApiPage, ApiProblems, mapPage, Page, PageQueryDto, scalarMapProperty } from '@countycare/common';
import { IsIn, IsOptional } from 'class-validator';
import { Notification } from './notification.entity';
import { NotificationsService } from './notifications.service';

export class NotificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) unread?: 'true' | 'false';
}

export class NotificationView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'contract_expiring' }) kind: string;
  @ApiProperty({ example: 'contract' }) subjectType: string;
  @ApiProperty() subjectId: string;
  @ApiPropertyOptional({ nullable: true, type: String }) residentId: string | null;
  @ApiPropertyOptional(scalarMapProperty(
    'Facts for the message, by kind: contract_expiring `endDate`, `daysLeft`; round_overdue `roundKind`, `dueDate`; '
    + 'sickbed_cycle_ending and sickbed_cycle_overdue `cycleNo`, `plannedEndDate`; sickbed_applied `origin`; '
    + 'sickbed_closed_for_admission `referralNo`, `admittedOn`, `institution`; referral_status and referral_submitted '
    + '`referralNo`, `direction`, `from`, `status`, `urgency`; referral_sla_breached `referralNo`, `urgency`, `replyDueAt`',
  ))
  data: Record<string, string | number | boolean | null> | null;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) readAt: string | null;
}

const view = (n: Notification): NotificationView => ({
  id: n.id, kind: n.kind, subjectType: n.subjectType, subjectId: n.subjectId, residentId: n.residentId, data: n.data,
  createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null,
});

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'My notifications (and my team\'s / institution\'s), newest first' })
  @ApiPage(NotificationView)
  @ApiProblems(400, 401)
  async list(@CurrentActor() actor: Actor, @Query() query: NotificationQueryDto): Promise<Page<NotificationView>> {
    const page = await this.notifications.list(actor, { ...query, unreadOnly: query.unread === 'true' });
    return mapPage(page, view);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a notification read' })
  @ApiOkResponse({ type: NotificationView })
  @ApiProblems(401, 404)
  async read(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<NotificationView> {
    return view(await this.notifications.markRead(actor, id));
  }
}
