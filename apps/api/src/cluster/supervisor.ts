/** Where a worker's server listens, as node:cluster reports it. */
export interface WorkerAddress {
  address: string;
  port: number;
  addressType: number | string;
}

/** One forked API process, as the supervisor sees it (node-cluster.ts adapts cluster.Worker). */
export interface SupervisedWorker {
  readonly pid: number | undefined;
  onListening(listener: (address: WorkerAddress) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  /** Graceful: stop accepting, finish in-flight requests, close the pool, exit 0. */
  stop(): void;
  /** SIGKILL, once the grace period is over. */
  kill(): void;
}

export interface SupervisorDeps {
  fork(): SupervisedWorker;
  exit(code: number): void;
  log(line: string): void;
  /** Every worker listens, the first time. */
  onReady?(address: WorkerAddress, workers: number): void;
  /** A worker that exited unexpectedly is being replaced. */
  onRestart?(): void;
}

export interface SupervisorOptions {
  workers: number;
  /** Who is supervising, for the log lines ("CountyCare API"). */
  name: string;
  /** From the first SIGTERM to SIGKILL of the workers left and exit 1. */
  graceMs: number;
  /** Delay before re-forking after the first unexpected exit; doubled for each further one within `crashWindowMs`. */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
  /** This many unexpected exits within `crashWindowMs` is a crash loop: the supervisor gives up and exits 1. */
  crashLimit?: number;
  crashWindowMs?: number;
}

interface Member {
  worker: SupervisedWorker;
  slot: number;
  listening: boolean;
  /** Being replaced by a rolling restart: its exit is expected. */
  retiring: boolean;
  /** The new worker of a rolling restart, not listening yet: its slot is still served by the old one. */
  replacing: boolean;
  listened: Promise<boolean>;
  exited: Promise<void>;
}

/**
 * The primary of cluster mode (README "Cluster mode"): keeps N workers listening on the shared port, replaces one
 * that dies (with backoff, giving up on a crash loop), restarts them one at a time on SIGHUP, and on SIGTERM or
 * SIGINT stops them all gracefully and exits 0 once they are gone (1 after the grace period or a second signal).
 * Pure logic: the processes, the exit and the log come in through `deps`.
 */
export class ClusterSupervisor {
  private readonly members = new Map<SupervisedWorker, Member>();
  private readonly crashes: number[] = [];
  private readonly restartTimers = new Set<NodeJS.Timeout>();
  private readonly restartDelayMs: number;
  private readonly maxRestartDelayMs: number;
  private readonly crashLimit: number;
  private readonly crashWindowMs: number;
  private ready = false;
  private rolling = false;
  private stopping = false;
  private failed = false;
  private exited = false;
  private deadline: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: SupervisorOptions,
    private readonly deps: SupervisorDeps,
  ) {
    this.restartDelayMs = options.restartDelayMs ?? 500;
    this.maxRestartDelayMs = options.maxRestartDelayMs ?? 30_000;
    this.crashLimit = options.crashLimit ?? 5;
    this.crashWindowMs = options.crashWindowMs ?? 60_000;
  }

  start(): void {
    for (let slot = 1; slot <= this.options.workers; slot++) this.spawn(slot, false);
  }

  /** Workers serving now (listening and not retiring). */
  get listening(): number {
    let n = 0;
    for (const m of this.members.values()) if (m.listening && !m.retiring) n++;
    return n;
  }

  /** SIGTERM, SIGINT, or a crash loop: stop every worker, exit 0 when all exited cleanly in time. */
  shutdown(reason: string, failed = false): void {
    const { graceMs } = this.options;
    if (this.exited) return;
    if (this.stopping) {
      this.log(`${reason} again, killing ${this.members.size} worker(s) and exiting now`);
      this.killAllAndExit();
      return;
    }
    this.stopping = true;
    this.failed ||= failed;
    for (const timer of this.restartTimers) clearTimeout(timer);
    this.restartTimers.clear();
    if (this.members.size === 0) {
      this.finish();
      return;
    }
    this.log(`${reason}, stopping ${this.members.size} worker(s) (at most ${graceMs / 1000} s)`);
    this.deadline = setTimeout(() => {
      this.log(`${this.members.size} worker(s) still running after ${graceMs / 1000} s, killing them`);
      this.killAllAndExit();
    }, graceMs);
    for (const m of this.members.values()) m.worker.stop();
  }

  /** SIGHUP: replace the workers one at a time; the next old one stops only once its replacement listens. */
  async rollingRestart(): Promise<void> {
    if (this.stopping) return;
    if (this.rolling) {
      this.log('SIGHUP: a rolling restart is already under way');
      return;
    }
    if (!this.ready) {
      this.log('SIGHUP: workers still starting, no rolling restart');
      return;
    }
    this.rolling = true;
    const old = [...this.members.values()].filter((m) => !m.retiring && !m.replacing);
    this.log(`SIGHUP: restarting ${old.length} worker(s) one at a time`);
    try {
      for (const previous of old) {
        if (this.stopping) return;
        if (!this.members.has(previous.worker)) continue;
        const next = this.spawn(previous.slot, true);
        if (!(await next.listened)) {
          this.log(`rolling restart stopped: the new worker ${previous.slot} exited before listening; the old one keeps serving`);
          return;
        }
        if (this.stopping) return;
        next.replacing = false;
        if (!this.members.has(previous.worker)) continue;
        previous.retiring = true;
        this.log(`worker ${previous.slot}: pid ${next.worker.pid} listening, stopping pid ${previous.worker.pid}`);
        previous.worker.stop();
        await previous.exited;
      }
      this.log('rolling restart done');
    } finally {
      this.rolling = false;
    }
  }

  private spawn(slot: number, replacing: boolean): Member {
    const worker = this.deps.fork();
    let listened!: (ok: boolean) => void;
    let exited!: () => void;
    const member: Member = {
      worker,
      slot,
      listening: false,
      retiring: false,
      replacing,
      listened: new Promise<boolean>((resolve) => (listened = resolve)),
      exited: new Promise<void>((resolve) => (exited = resolve)),
    };
    this.members.set(worker, member);
    worker.onListening((address) => {
      if (member.listening) return;
      member.listening = true;
      listened(true);
      if (!this.ready && !this.stopping && this.listening >= this.options.workers) {
        this.ready = true;
        this.deps.onReady?.(address, this.options.workers);
      } else if (this.ready && !replacing) {
        this.log(`worker ${slot} is back (pid ${worker.pid})`);
      }
    });
    worker.onExit((code, signal) => {
      listened(false);
      exited();
      this.onExit(member, code, signal);
    });
    return member;
  }

  private onExit(member: Member, code: number | null, signal: string | null): void {
    this.members.delete(member.worker);
    if (this.stopping) {
      if (code !== 0) this.failed = true;
      if (this.members.size === 0) this.finish();
      return;
    }
    if (member.retiring) return;
    const how = signal ? `signal ${signal}` : `code ${code}`;
    const now = Date.now();
    while (this.crashes.length > 0 && now - this.crashes[0] > this.crashWindowMs) this.crashes.shift();
    this.crashes.push(now);
    if (this.crashes.length >= this.crashLimit) {
      this.log(
        `worker ${member.slot} (pid ${member.worker.pid}) exited with ${how}: ${this.crashes.length} unexpected exits within ` +
          `${this.crashWindowMs / 1000} s, giving up (a crash loop; see the workers' startup lines above)`,
      );
      this.shutdown('crash loop', true);
      return;
    }
    if (member.replacing) {
      this.log(`new worker ${member.slot} (pid ${member.worker.pid}) exited with ${how} before listening`);
      return;
    }
    if ([...this.members.values()].some((m) => m.slot === member.slot && m.replacing)) {
      this.log(`worker ${member.slot} (pid ${member.worker.pid}) exited with ${how}; its replacement is already starting`);
      return;
    }
    const delay = Math.min(this.maxRestartDelayMs, this.restartDelayMs * 2 ** (this.crashes.length - 1));
    this.log(`worker ${member.slot} (pid ${member.worker.pid}) exited with ${how}; starting a new one in ${delay / 1000} s`);
    const timer = setTimeout(() => {
      this.restartTimers.delete(timer);
      if (this.stopping) return;
      this.deps.onRestart?.();
      this.spawn(member.slot, false);
    }, delay);
    this.restartTimers.add(timer);
  }

  private finish(): void {
    if (this.exited) return;
    this.exited = true;
    clearTimeout(this.deadline);
    this.log(this.failed ? 'stopped (not cleanly)' : 'stopped');
    this.deps.exit(this.failed ? 1 : 0);
  }

  private killAllAndExit(): void {
    if (this.exited) return;
    this.exited = true;
    clearTimeout(this.deadline);
    for (const m of this.members.values()) m.worker.kill();
    this.deps.exit(1);
  }

  private log(line: string): void {
    this.deps.log(`${this.options.name}: ${line}`);
  }
}
