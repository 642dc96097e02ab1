import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { registerDictionary } from '@countycare/common';
import { Notification } from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

registerDictionary('notification_kind', {
  contract_expiring: { 'zh-CN': '签约即将到期', en: 'Contract ending soon' },
  round_overdue: { 'zh-CN': '查床逾期', en: 'Round overdue' },
  sickbed_cycle_ending: { 'zh-CN': '家庭病床周期即将结束', en: 'Sickbed cycle ending' },
  sickbed_cycle_overdue: { 'zh-CN': '家庭病床周期已超期', en: 'Sickbed cycle overdue' },
  sickbed_applied: { 'zh-CN': '新的家庭病床申请', en: 'New sickbed application' },
  sickbed_closed_for_admission: { 'zh-CN': '因住院撤床', en: 'Sickbed closed for a hospital admission' },
  referral_status: { 'zh-CN': '转诊状态变更', en: 'Referral status changed' },
  referral_submitted: { 'zh-CN': '新的转诊申请', en: 'New referral' },
  referral_sla_breached: { 'zh-CN': '转诊超时未响应', en: 'Referral reply overdue' },
});

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Notification])],
  controllers: [NotificationsController],
  providers: [NotificationsService],
  exports: [NotificationsService],
})
export class NotificationsModule {}
