import { startTracing } from '@countycare/common/tracing';

// main.ts's first import: with OTEL_EXPORTER_OTLP_ENDPOINT set, the instrumentations must patch http and mysql2
// before anything loads them; unset, this loads nothing.
startTracing('countycare-api');
