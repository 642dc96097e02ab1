/**
 * OpenTelemetry traces, on only when OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set
 * (README "Observability"). Both apps import this file first (`@countycare/common/tracing`), before anything loads
 * http or mysql2, so the instrumentations can patch them; the OpenTelemetry packages are required inside
 * startTracing, so with the variable unset none of them is loaded and nothing is patched. Imports nothing else of
 * the project for the same reason.
 */
import type { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';

type Env = Record<string, string | undefined>;

let provider: NodeTracerProvider | undefined;
let setRoute: ((route: string | undefined) => void) | undefined;

export function tracingConfigured(env: Env = process.env): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim()) && env.OTEL_SDK_DISABLED?.trim() !== 'true';
}

/**
 * Starts exporting spans (OTLP over HTTP, JSON) of incoming HTTP requests and mysql2 queries. The exporter reads
 * the standard OTEL_EXPORTER_OTLP_* variables, the sampler OTEL_TRACES_SAMPLER(_ARG), the resource
 * OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES; `serviceName` is the default name. True when started.
 */
export function startTracing(serviceName: string, env: Env = process.env): boolean {
  if (provider || !tracingConfigured(env)) return Boolean(provider);
  const { NodeTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { defaultResource, detectResources, envDetector, resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { registerInstrumentations } = require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { MySQL2Instrumentation } = require('@opentelemetry/instrumentation-mysql2') as typeof import('@opentelemetry/instrumentation-mysql2');
  const { context } = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
  const { getRPCMetadata, RPCType } = require('@opentelemetry/core') as typeof import('@opentelemetry/core');

  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': serviceName }))
    .merge(detectResources({ detectors: [envDetector] }));
  provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        // probes every few seconds would drown the traces
        ignoreIncomingRequestHook: (request) => (request.url ?? '').startsWith('/health'),
        // query values may be a name, an ID or a phone number: only the keys leave, as in the logs
        startIncomingSpanHook: (request) => redactedQuery(request),
      }),
      // the statement as sent, with its `?` placeholders; the bound values (names, phone numbers) never leave
      new MySQL2Instrumentation({ maskStatement: true }),
    ],
  });
  setRoute = (route) => {
    const rpc = getRPCMetadata(context.active());
    if (rpc?.type === RPCType.HTTP && route !== undefined) rpc.route = route;
  };
  return true;
}

/**
 * Names each server span after its route pattern (`GET /api/v1/contracts/:id`, attribute http.route), never the
 * raw path. Installs nothing when tracing is off.
 */
export function traceRoutes(fastify: FastifyInstance): void {
  const nameSpan = setRoute;
  if (!nameSpan) return;
  fastify.addHook('onRequest', (request, _reply, done) => {
    nameSpan(request.routeOptions.url);
    done();
  });
}

/** Sends the spans still buffered; part of a graceful stop. */
export async function stopTracing(): Promise<void> {
  const stopping = provider;
  provider = undefined;
  setRoute = undefined;
  await stopping?.shutdown();
}

function redactedQuery(request: IncomingMessage): Record<string, string> {
  const query = (request.url ?? '').split('?')[1];
  if (!query) return {};
  return { 'url.query': query.split('&').map((pair) => `${pair.split('=')[0]}=…`).join('&') };
}
