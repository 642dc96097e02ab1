import { AggregatorRegistry } from 'prom-client';
import { Metrics, PoolStats } from './metrics';

describe('Metrics (issue #10: the instruments of /metrics)', () => {
  it('labels a request with its route pattern, method and status class; no route is "unmatched"', async () => {
    const m = new Metrics();
    m.request('GET', '/api/v1/contracts/:id', 200, 3.2);
    m.request('GET', '/api/v1/contracts/:id', 404, 1);
    m.request('POST', '/api/v1/contracts', 503, 20);
    m.request('GET', undefined, 404, 0.4);
    const text = await m.render();
    expect(text).toContain('countycare_http_request_duration_seconds_count{method="GET",route="/api/v1/contracts/:id",status="2xx"} 1');
    expect(text).toContain('countycare_http_request_duration_seconds_count{method="GET",route="/api/v1/contracts/:id",status="4xx"} 1');
    expect(text).toContain('countycare_http_request_duration_seconds_sum{method="POST",route="/api/v1/contracts",status="5xx"} 0.02');
    expect(text).toContain('countycare_http_request_duration_seconds_count{method="GET",route="unmatched",status="4xx"} 1');
    // milliseconds in, seconds out: 3.2 ms falls in the 5 ms bucket, not the 2.5 ms one
    expect(text).toContain('countycare_http_request_duration_seconds_bucket{le="0.0025",method="GET",route="/api/v1/contracts/:id",status="2xx"} 0');
    expect(text).toContain('countycare_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/v1/contracts/:id",status="2xx"} 1');
  });

  it('sums the request histograms of cluster workers like any prom-client histogram', async () => {
    const workers = [new Metrics(), new Metrics()];
    workers[0].request('GET', '/api/v1/me', 200, 2);
    workers[1].request('GET', '/api/v1/me', 200, 30);
    workers[1].request('GET', '/api/v1/me', 500, 30);
    const text = await AggregatorRegistry.aggregate(await Promise.all(workers.map((w) => w.registry.getMetricsAsJSON()))).metrics();
    expect(text).toContain('# TYPE countycare_http_request_duration_seconds histogram');
    expect(text).toContain('countycare_http_request_duration_seconds_bucket{le="0.0025",method="GET",route="/api/v1/me",status="2xx"} 1');
    expect(text).toContain('countycare_http_request_duration_seconds_bucket{le="0.05",method="GET",route="/api/v1/me",status="2xx"} 2');
    expect(text).toContain('countycare_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/api/v1/me",status="2xx"} 2');
    expect(text).toContain('countycare_http_request_duration_seconds_sum{method="GET",route="/api/v1/me",status="2xx"} 0.032');
    expect(text).toContain('countycare_http_request_duration_seconds_count{method="GET",route="/api/v1/me",status="5xx"} 1');
  });

  it('records an audit batch: rows per INSERT and its duration', async () => {
    const m = new Metrics();
    m.auditBatch(17, 3);
    m.auditBatch(1, 0.4);
    const text = await m.render();
    expect(text).toContain('countycare_audit_batch_rows_bucket{le="1"} 1');
    expect(text).toContain('countycare_audit_batch_rows_bucket{le="20"} 2');
    expect(text).toContain('countycare_audit_batch_rows_sum 18');
    expect(text).toContain('countycare_audit_batch_rows_count 2');
    expect(text).toContain('countycare_audit_batch_duration_seconds_bucket{le="0.0005"} 1');
    expect(text).toContain('countycare_audit_batch_duration_seconds_sum 0.0034');
  });

  it('reads the pools at scrape time only, and adds the process metrics once', async () => {
    const m = new Metrics();
    let reads = 0;
    let stats: PoolStats = { pool: 'primary', all: 3, free: 1, queued: 0, limit: 10 };
    m.watchPools(() => {
      reads++;
      return [stats];
    });
    expect(reads).toBe(0);
    let text = await m.render();
    expect(text).toContain('countycare_db_pool_connections{pool="primary",state="all"} 3');
    expect(text).toContain('countycare_db_pool_connections{pool="primary",state="free"} 1');
    expect(text).toContain('countycare_db_pool_max_connections{pool="primary"} 10');
    stats = { ...stats, all: 10, free: 0, queued: 4 };
    text = await m.render();
    expect(text).toContain('countycare_db_pool_connections{pool="primary",state="free"} 0');
    expect(text).toContain('countycare_db_pool_queued_requests{pool="primary"} 4');

    m.collectProcessMetrics();
    m.collectProcessMetrics();
    expect(await m.render()).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });
});
