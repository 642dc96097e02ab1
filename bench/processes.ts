/**
 * The processes bench/run.ts measures: the API as a child process of its own
 * (`node dist/bench/apps/api/src/main.js`, the same build as the benchmark's
 * in-process instance; with API_WORKERS=N its cluster workers are its
 * children), the floor server, and their CPU from /proc.
 */
import { ChildProcess, fork, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** utime + stime of a process in ms (with `children`: plus its waited-for children's), from /proc (Linux), or null. */
export function cpuMs(pid: number, children = false): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]) + (children ? Number(fields[13]) + Number(fields[14]) : 0);
    return (ticks * 1000) / 100;
  } catch {
    return null;
  }
}

/** The process and its descendants (the cluster primary and its workers). */
export function processTree(root: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // ended meanwhile
    }
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const [pid, ppid] of parent) if (ppid === out[i]) out.push(pid);
  return out;
}

/** CPU ms of a process tree; workers that ended and were reaped are in the root's children's times. */
export function treeCpuMs(root: number): number | null {
  const pids = processTree(root);
  let total = 0;
  for (const pid of pids) {
    const ms = cpuMs(pid, pid === root);
    if (ms === null && pid === root) return null;
    total += ms ?? 0;
  }
  return total;
}

export function findPid(command: string): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === command) return Number(entry);
    } catch {
      // the process ended meanwhile
    }
  }
  return null;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** API children still running: stopped if the benchmark exits without stopping them (an error, a signal). */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGTERM');
});

export interface ApiProcess {
  child: ChildProcess;
  pid: number;
  baseUrl: string;
  workers: number;
  /** Processes in its tree once ready: 1 + the cluster workers (1 without cluster mode). */
  processes: number;
  stop(): Promise<void>;
}

/**
 * Starts the API's main.js with `env` (plus PORT, HOST=127.0.0.1 and
 * API_WORKERS) and waits until GET /health/ready answers 200.
 */
export async function startApi(main: string, env: Record<string, string>, workers: number, nodeOptions?: string): Promise<ApiProcess> {
  const port = await freePort();
  // node flags on the command line, not NODE_OPTIONS, which refuses --cpu-prof; cluster workers inherit them
  const flags = nodeOptions ? nodeOptions.trim().split(/\s+/) : [];
  const child = spawn(process.execPath, [...flags, main], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env,
      PORT: String(port), HOST: '127.0.0.1', API_WORKERS: String(workers),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  running.add(child);
  let exited: string | null = null;
  child.once('exit', (code, signal) => {
    exited = `exited (${code ?? signal})`;
    running.delete(child);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error(`the API (${main}) ${exited} before it was ready`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API (${main}) was not ready within 120 s`);
    }
    const ok = await fetch(`${baseUrl}/health/ready`).then((r) => r.status === 200, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  // cluster workers come up one by one: give them a moment, then count them
  if (workers > 1) {
    for (let i = 0; i < 50 && processTree(child.pid!).length < workers + 1; i++) await new Promise((r) => setTimeout(r, 200));
  }
  const processes = processTree(child.pid!).length;
  return {
    child, pid: child.pid!, baseUrl, workers, processes,
    stop: () => new Promise<void>((resolveStop) => {
      if (exited || child.exitCode !== null) return resolveStop();
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => { clearTimeout(timer); resolveStop(); });
      child.kill('SIGTERM');
    }),
  };
}

/** Sends a message and waits for the child's answer of type `reply`. */
export function ask<T>(child: ChildProcess, message: unknown, reply: string): Promise<T> {
  return new Promise((resolveAnswer, reject) => {
    const onMessage = (msg: { type?: string }) => {
      if (msg?.type !== reply) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolveAnswer(msg as T);
    };
    const onExit = (code: number | null) => {
      child.off('message', onMessage);
      reject(new Error(`child process exited (${code}) while waiting for "${reply}"`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send(message as object);
  });
}

export function forkScript(path: string): ChildProcess {
  return fork(path, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}
