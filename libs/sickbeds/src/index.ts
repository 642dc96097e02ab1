export * from './entities';
export * from './sickbeds.module';
export * from './sickbeds.service';
export * from './sickbed-care.service';
export * from './sickbed.jobs';
export * from './sickbed-indicators.query';
export * from './http/sickbed.view';
export * from './demo-seed';
