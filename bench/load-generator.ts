/**
 * The load generator of bench/run.ts, as a child process: the server under
 * test (the API or the floor server, each a process of its own) keeps its
 * event loop to itself, as it would behind a real client. It gets one job
 * per message (a scenario's request variants and tokens), runs autocannon on
 * it and sends the summary back: first `{ type: 'measuring' }` when the
 * warm-up is over and the measured run starts (run.ts samples the processes'
 * CPU then), then `{ type: 'done', ok, summary }`.
 */
import autocannon = require('autocannon');

/** One request a scenario may send; `__UNIQUE__` and `__NOW__` in the body are filled per request. */
export interface RequestVariant {
  method: 'GET' | 'POST';
  path: string;
  /** Index into LoadJob.tokens. */
  token: number;
  body?: string;
}

export interface LoadJob {
  baseUrl: string;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  tokens: string[];
  variants: RequestVariant[];
  /**
   * Distinct client addresses the requests come from (X-Forwarded-For; the API
   * trusts its proxy): many phones behind the county's load balancer, not one.
   */
  clients: number;
  /** Requests sent one at a time first: the latency of the endpoint itself, without queueing (0: none). */
  probeRequests: number;
}

export interface LoadSummary {
  /** One connection, `probeRequests` requests; null when the job asked for none. */
  single: { p50: number; p99: number; non2xx: number; total: number } | null;
  /** Requests answered during the warm-up (not in the numbers below, but the server did the work). */
  warmupTotal: number;
  /** Seconds the measured run lasted (autocannon's duration). */
  seconds: number;
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** The first few non-2xx answers, to say why. */
  failures: Array<{ status: number; path: string; body: string }>;
}

/** Per process, not per job: a scenario's rounds (API and floor) never send the same clientId twice. */
let counter = 0;

async function run(job: LoadJob): Promise<LoadSummary> {
  const failures: LoadSummary['failures'] = [];
  const requests: autocannon.RequestSpec[] = [{
    setupRequest: (request, context) => {
      const v = job.variants[Math.floor(Math.random() * job.variants.length)];
      context.path = v.path;
      request.method = v.method;
      request.path = v.path;
      const client = Math.floor(Math.random() * job.clients);
      request.headers = {
        authorization: job.tokens[v.token], 'x-forwarded-for': `10.0.${client >> 8}.${client & 255}`,
        ...(v.body ? { 'content-type': 'application/json' } : {}),
      };
      request.body = v.body
        ? v.body.replace(/__UNIQUE__/g, `${process.pid}x${(counter++).toString(36)}`).replace(/__NOW__/g, new Date(Date.now() - 60_000).toISOString())
        : undefined;
      return request;
    },
    onResponse: (status, body, context) => {
      if ((status < 200 || status > 299) && failures.length < 5) failures.push({ status, path: String(context.path), body: body.slice(0, 400) });
    },
  }];
  const single = job.probeRequests > 0
    ? await autocannon({ url: job.baseUrl, connections: 1, amount: job.probeRequests, timeout: 30, requests })
    : null;
  // The warm-up as a run of its own, so the parent learns when the measured run starts (its CPU samples bracket it).
  const warmup = job.warmupSeconds > 0
    ? await autocannon({ url: job.baseUrl, connections: job.connections, duration: job.warmupSeconds, timeout: 30, requests })
    : null;
  process.send!({ type: 'measuring' });
  const result = await autocannon({ url: job.baseUrl, connections: job.connections, duration: job.durationSeconds, timeout: 30, requests });
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]));
  return {
    single: single ? { p50: single.latency.p50, p99: single.latency.p99, non2xx: single.non2xx, total: single.requests.total } : null,
    warmupTotal: warmup?.requests.total ?? 0,
    seconds: result.duration,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    failures,
  };
}

process.on('message', (job: LoadJob) => {
  run(job).then(
    (summary) => process.send!({ type: 'done', ok: true, summary }),
    (error: Error) => process.send!({ type: 'done', ok: false, error: error.stack ?? String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
