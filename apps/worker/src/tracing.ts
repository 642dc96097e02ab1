import { startTracing } from '@countycare/common/tracing';

// main.ts's first import: with OTEL_EXPORTER_OTLP_ENDPOINT set, the mysql2 instrumentation must patch the driver
// before anything loads it; unset, this loads nothing.
startTracing('countycare-worker');
