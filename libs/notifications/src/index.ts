export * from './notification.entity';
export * from './notifications.service';
export * from './notifications.module';

import { Notification } from './notification.entity';
export const NOTIFICATION_ENTITIES = [Notification];
