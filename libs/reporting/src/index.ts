export * from './reporting.module';
