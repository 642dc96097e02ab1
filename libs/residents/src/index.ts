export * from './resident.entity';
export * from './residents.service';
export * from './residents.module';
export * from './care-relations';
export * from './http/resident.view';
export * from './http/roster-import.view';
export * from './import/roster-import.service';
export * from './import/roster-source';

import { Resident } from './resident.entity';
export const RESIDENT_ENTITIES = [Resident];
