export * from './resident.entity';
export * from './residents.service';
export * from './residents.module';
export * from './http/resident.view';

import { Resident } from './resident.entity';
export const RESIDENT_ENTITIES = [Resident];
