import type { MetricObjectWithValues, MetricValue } from 'prom-client';
import { AggregatorRegistry, Counter, Gauge, Registry } from 'prom-client';
import cluster, { Worker } from 'node:cluster';
import type { ShutdownHost } from '@countycare/common';
import type { SupervisedWorker } from './supervisor';

/** The primary's request to a worker to stop gracefully (IPC, so a signal sent to the whole group counts once). */
const STOP = 'countycare:stop';
const METRICS_REQUEST = 'countycare:metrics?';
const METRICS_REPLY = 'countycare:metrics';

type WorkerMetrics = MetricObjectWithValues<MetricValue<string>>[];
interface MetricsRequest {
  type: typeof METRICS_REQUEST;
  id: number;
}
interface MetricsReply {
  type: typeof METRICS_REPLY;
  id: number;
  metrics?: WorkerMetrics;
}

const isMessage = <T extends { type: string }>(m: unknown, type: T['type']): m is T =>
  typeof m === 'object' && m !== null && (m as { type?: unknown }).type === type;

/** Forks one API worker with node:cluster; `env` is added to the primary's environment. */
export function forkWorker(env: Record<string, string>): SupervisedWorker {
  const worker = cluster.fork(env);
  // a send to a worker that is exiting fails with EPIPE; its exit event tells the supervisor what happened
  worker.on('error', () => undefined);
  return {
    get pid() {
      return worker.process.pid;
    },
    onListening: (listener) => worker.on('listening', listener),
    onExit: (listener) => worker.on('exit', listener),
    stop: () => {
      if (worker.isConnected()) worker.send(STOP);
      else worker.process.kill('SIGTERM');
    },
    kill: () => worker.process.kill('SIGKILL'),
  };
}

/**
 * A worker's shutdown trigger: the primary's STOP message, or the worker's own SIGTERM or SIGINT (Ctrl-C in a
 * terminal reaches every process of the group, and the primary forwards it too). The first of them starts the
 * graceful close; the rest are ignored: escalation is the primary's (a second signal to it kills the workers).
 */
export function clusterWorkerShutdownHost(): ShutdownHost {
  let stopping = false;
  return {
    on(signal, listener) {
      const stop = () => {
        if (stopping) return;
        stopping = true;
        listener(signal);
      };
      process.on(signal, stop);
      if (signal === 'SIGTERM') process.on('message', (message) => message === STOP && stop());
    },
    exit: (code) => {
      // Exiting at once could drop a connection the primary is handing over right now: it would stay open in the
      // primary, unanswered. disconnect() waits for the primary's acknowledgement, and the primary hands this
      // worker nothing after it (the hand-overs before it are answered "not accepted" and go to another worker).
      const worker = cluster.worker;
      if (!worker?.isConnected()) process.exit(code);
      setTimeout(() => process.exit(code), 1_000).unref();
      worker!.once('disconnect', () => process.exit(code));
      worker!.disconnect();
    },
  };
}

/** In a worker: answers the primary's scrape with this process's registry, as JSON for AggregatorRegistry. */
export function answerMetricsRequests(registry: Registry): void {
  process.on('message', (message: unknown) => {
    if (!isMessage<MetricsRequest>(message, METRICS_REQUEST)) return;
    const reply = (metrics?: WorkerMetrics) => process.send?.({ type: METRICS_REPLY, id: message.id, metrics } satisfies MetricsReply);
    registry.getMetricsAsJSON().then(
      (metrics) => reply(metrics as WorkerMetrics),
      () => reply(),
    );
  });
}

/**
 * In the primary: one /metrics for the whole cluster. Each scrape asks every listening worker for its registry
 * and sums them (prom-client's AggregatorRegistry; event-loop lag and the like are averaged), then appends the
 * primary's own: how many workers listen, and how many were restarted. A worker that does not answer within
 * `timeoutMs` (starting, stopping, stuck) is left out of that scrape.
 */
export function clusterMetrics(listeningWorkers: () => number, timeoutMs = 2_000) {
  const own = new Registry();
  new Gauge({
    name: 'countycare_api_workers',
    help: 'API worker processes listening',
    registers: [own],
    collect() {
      this.set(listeningWorkers());
    },
  });
  const restarts = new Counter({ name: 'countycare_api_worker_restarts_total', help: 'API workers re-forked after an unexpected exit', registers: [own] });
  const listening = new Set<number>();
  const pending = new Map<number, (metrics: WorkerMetrics | undefined) => void>();
  let nextId = 0;
  cluster.on('listening', (worker) => listening.add(worker.id));
  cluster.on('exit', (worker) => listening.delete(worker.id));
  cluster.on('message', (_worker, message: unknown) => {
    if (isMessage<MetricsReply>(message, METRICS_REPLY)) pending.get(message.id)?.(message.metrics);
  });

  const ask = (worker: Worker) =>
    new Promise<WorkerMetrics | undefined>((resolve) => {
      const id = nextId++;
      const done = (metrics: WorkerMetrics | undefined) => {
        clearTimeout(timer);
        pending.delete(id);
        resolve(metrics);
      };
      const timer = setTimeout(() => done(undefined), timeoutMs);
      pending.set(id, done);
      worker.send({ type: METRICS_REQUEST, id } satisfies MetricsRequest, (error: Error | null) => error && done(undefined));
    });

  return {
    restarted: () => restarts.inc(),
    async render(): Promise<string> {
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && w.isConnected() && listening.has(w.id));
      const replies = (await Promise.all(workers.map(ask))).filter((m): m is WorkerMetrics => m !== undefined);
      return (await AggregatorRegistry.aggregate(replies).metrics()) + (await own.metrics());
    },
  };
}
