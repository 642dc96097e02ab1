import { ClusterSupervisor, SupervisedWorker, WorkerAddress } from './supervisor';

const ADDRESS: WorkerAddress = { address: '127.0.0.1', port: 3000, addressType: 4 };

/** A forked process stand-in: the test says when it listens and exits; stop and kill are recorded. */
class FakeWorker implements SupervisedWorker {
  private static nextPid = 1000;
  readonly pid = FakeWorker.nextPid++;
  stops = 0;
  kills = 0;
  private readonly listeners: Array<(a: WorkerAddress) => void> = [];
  private readonly exits: Array<(code: number | null, signal: string | null) => void> = [];
  onListening(listener: (a: WorkerAddress) => void) {
    this.listeners.push(listener);
  }
  onExit(listener: (code: number | null, signal: string | null) => void) {
    this.exits.push(listener);
  }
  stop() {
    this.stops++;
  }
  kill() {
    this.kills++;
  }
  listen() {
    for (const l of this.listeners) l(ADDRESS);
  }
  exit(code: number | null = 0, signal: string | null = null) {
    for (const l of this.exits) l(code, signal);
  }
}

function harness(workers = 2, graceMs = 8_000) {
  const forks: FakeWorker[] = [];
  const exits: number[] = [];
  const lines: string[] = [];
  const ready: Array<[WorkerAddress, number]> = [];
  let restarts = 0;
  const supervisor = new ClusterSupervisor(
    { workers, name: 'API', graceMs },
    {
      fork: () => {
        const w = new FakeWorker();
        forks.push(w);
        return w;
      },
      exit: (code) => exits.push(code),
      log: (line) => lines.push(line),
      onReady: (address, n) => ready.push([address, n]),
      onRestart: () => restarts++,
    },
  );
  return { supervisor, forks, exits, lines, ready, restarts: () => restarts };
}

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('cluster supervisor (issue #10: API_WORKERS=N, graceful restart and shutdown)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('forks N workers and reports ready once, when every one listens', () => {
    const h = harness(3);
    h.supervisor.start();
    expect(h.forks).toHaveLength(3);
    h.forks[0].listen();
    h.forks[1].listen();
    expect(h.ready).toEqual([]);
    h.forks[2].listen();
    expect(h.ready).toEqual([[ADDRESS, 3]]);
    expect(h.supervisor.listening).toBe(3);
  });

  it('re-forks a worker that died, after a delay that doubles with each further crash', () => {
    const h = harness(2);
    h.supervisor.start();
    h.forks.forEach((w) => w.listen());
    h.forks[0].exit(1);
    expect(h.lines.at(-1)).toBe(`API: worker 1 (pid ${h.forks[0].pid}) exited with code 1; starting a new one in 0.5 s`);
    jest.advanceTimersByTime(499);
    expect(h.forks).toHaveLength(2);
    jest.advanceTimersByTime(1);
    expect(h.forks).toHaveLength(3);
    expect(h.restarts()).toBe(1);
    h.forks[2].listen();
    expect(h.supervisor.listening).toBe(2);

    h.forks[2].exit(null, 'SIGKILL');
    expect(h.lines.at(-1)).toContain('exited with signal SIGKILL; starting a new one in 1 s');
    jest.advanceTimersByTime(1_000);
    expect(h.forks).toHaveLength(4);
    expect(h.exits).toEqual([]);
  });

  it('gives up on a crash loop: the fifth unexpected exit within a minute stops the rest and exits 1', () => {
    const h = harness(2);
    h.supervisor.start();
    h.forks[1].listen();
    for (let crash = 1; crash <= 4; crash++) {
      h.forks.at(-1 - (crash === 1 ? 1 : 0))!.exit(1);
      jest.advanceTimersByTime(30_000 / 4);
    }
    // worker 1 crashed four times in about 30 s and was re-forked each time
    expect(h.forks).toHaveLength(6);
    h.forks[5].exit(1);
    expect(h.lines.some((l) => /5 unexpected exits within 60 s, giving up/.test(l))).toBe(true);
    expect(h.forks[1].stops).toBe(1);
    jest.advanceTimersByTime(60_000);
    expect(h.forks).toHaveLength(6);
    h.forks[1].exit(0);
    expect(h.exits).toEqual([1]);
  });

  it('forgets crashes older than the window', () => {
    const h = harness(1);
    h.supervisor.start();
    for (let i = 0; i < 8; i++) {
      h.forks.at(-1)!.listen();
      h.forks.at(-1)!.exit(1);
      jest.advanceTimersByTime(61_000);
    }
    expect(h.exits).toEqual([]);
    expect(h.forks).toHaveLength(9);
  });

  it('on SIGTERM stops every worker, forks none, and exits 0 when the last one is gone', () => {
    const h = harness(2);
    h.supervisor.start();
    h.forks.forEach((w) => w.listen());
    h.supervisor.shutdown('SIGTERM');
    expect(h.forks.map((w) => w.stops)).toEqual([1, 1]);
    h.forks[0].exit(0);
    jest.advanceTimersByTime(5_000);
    expect(h.forks).toHaveLength(2);
    expect(h.exits).toEqual([]);
    h.forks[1].exit(0);
    expect(h.exits).toEqual([0]);
    expect(h.lines.at(-1)).toBe('API: stopped');
    jest.advanceTimersByTime(10_000);
    expect(h.exits).toEqual([0]);
  });

  it('exits 1 when a worker did not stop cleanly, and kills the ones left after the grace period', () => {
    const a = harness(2);
    a.supervisor.start();
    a.supervisor.shutdown('SIGTERM');
    a.forks[0].exit(0);
    a.forks[1].exit(1);
    expect(a.exits).toEqual([1]);

    const b = harness(2, 8_000);
    b.supervisor.start();
    b.supervisor.shutdown('SIGINT');
    b.forks[0].exit(0);
    jest.advanceTimersByTime(7_999);
    expect(b.exits).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(b.forks.map((w) => w.kills)).toEqual([0, 1]);
    expect(b.exits).toEqual([1]);
  });

  it('kills the workers and exits 1 at once on a second signal', () => {
    const h = harness(2);
    h.supervisor.start();
    h.supervisor.shutdown('SIGTERM');
    h.supervisor.shutdown('SIGINT');
    expect(h.forks.map((w) => w.kills)).toEqual([1, 1]);
    expect(h.exits).toEqual([1]);
    h.forks.forEach((w) => w.exit(null, 'SIGKILL'));
    expect(h.exits).toEqual([1]);
  });

  it('on SIGHUP replaces the workers one at a time, each old one stopping once its replacement listens', async () => {
    const h = harness(2);
    h.supervisor.start();
    h.forks.forEach((w) => w.listen());
    const [old1, old2] = h.forks;
    const done = h.supervisor.rollingRestart();
    expect(h.forks).toHaveLength(3);
    const new1 = h.forks[2];
    await flush();
    expect(old1.stops).toBe(0);
    new1.listen();
    await flush();
    expect(old1.stops).toBe(1);
    expect(h.supervisor.listening).toBe(2);
    // the next replacement waits for the old one to be gone
    expect(h.forks).toHaveLength(3);
    old1.exit(0);
    await flush();
    expect(h.forks).toHaveLength(4);
    expect(old2.stops).toBe(0);
    h.forks[3].listen();
    await flush();
    old2.exit(0);
    await done;
    expect(h.lines.at(-1)).toBe('API: rolling restart done');
    // expected exits: nothing re-forked, no crash counted
    jest.advanceTimersByTime(60_000);
    expect(h.forks).toHaveLength(4);
    expect(h.restarts()).toBe(0);
    expect(h.exits).toEqual([]);
  });

  it('stops a rolling restart whose new worker dies before listening, and the old one keeps serving', async () => {
    const h = harness(2);
    h.supervisor.start();
    h.forks.forEach((w) => w.listen());
    const done = h.supervisor.rollingRestart();
    h.forks[2].exit(1);
    await done;
    expect(h.lines.some((l) => l.includes('rolling restart stopped'))).toBe(true);
    expect(h.forks[0].stops).toBe(0);
    jest.advanceTimersByTime(60_000);
    expect(h.forks).toHaveLength(3);
    expect(h.supervisor.listening).toBe(2);
  });

  it('ignores SIGHUP while the workers are still starting or stopping', async () => {
    const h = harness(2);
    h.supervisor.start();
    await h.supervisor.rollingRestart();
    expect(h.forks).toHaveLength(2);
    h.forks.forEach((w) => w.listen());
    h.supervisor.shutdown('SIGTERM');
    await h.supervisor.rollingRestart();
    expect(h.forks).toHaveLength(2);
  });
});
