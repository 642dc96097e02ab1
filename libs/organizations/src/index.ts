export * from './entities';
export * from './organizations.service';
export * from './organizations.module';
export * from './http/views';
