import { EventEmitter } from 'node:events';
import { exitGracefullyOnSignals } from './graceful-shutdown';

/** A process stand-in: signals are emitted by the test, exit codes recorded. */
function fakeHost() {
  const events = new EventEmitter();
  const exits: number[] = [];
  const exited = new Promise<number>((resolve) => events.once('exit', resolve));
  return {
    host: { on: events.on.bind(events), exit: (code: number) => { exits.push(code); events.emit('exit', code); } },
    signal: (name: NodeJS.Signals) => events.emit(name, name),
    exits,
    exited,
  };
}

describe('graceful shutdown (issue #9: SIGTERM left the API running)', () => {
  const quiet = () => undefined;

  it('closes the app on SIGTERM and exits 0 once it is closed', async () => {
    const p = fakeHost();
    let closed = false;
    const app = { close: () => new Promise<void>((resolve) => setTimeout(() => { closed = true; resolve(); }, 50)) };
    exitGracefullyOnSignals(app, { name: 'test', host: p.host, log: quiet, graceMs: 1_000 });
    p.signal('SIGTERM');
    expect(p.exits).toEqual([]);
    expect(await p.exited).toBe(0);
    expect(closed).toBe(true);
  });

  it('treats SIGINT the same way', async () => {
    const p = fakeHost();
    exitGracefullyOnSignals({ close: async () => undefined }, { name: 'test', host: p.host, log: quiet });
    p.signal('SIGINT');
    expect(await p.exited).toBe(0);
  });

  it('exits 1 when closing outlasts the grace period', async () => {
    const p = fakeHost();
    const close = jest.fn(() => new Promise<void>(() => undefined));
    exitGracefullyOnSignals({ close }, { name: 'test', host: p.host, log: quiet, graceMs: 30 });
    p.signal('SIGTERM');
    expect(await p.exited).toBe(1);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('exits 1 at once on a second signal, and when closing fails', async () => {
    const p = fakeHost();
    exitGracefullyOnSignals({ close: () => new Promise<void>(() => undefined) }, { name: 'test', host: p.host, log: quiet, graceMs: 60_000 });
    p.signal('SIGTERM');
    p.signal('SIGINT');
    expect(p.exits).toEqual([1]);

    const q = fakeHost();
    const lines: string[] = [];
    exitGracefullyOnSignals({ close: async () => { throw new Error('pool busy'); } }, { name: 'test', host: q.host, log: (l) => lines.push(l) });
    q.signal('SIGTERM');
    expect(await q.exited).toBe(1);
    expect(lines.at(-1)).toBe('test: shutdown failed: pool busy');
  });
});
