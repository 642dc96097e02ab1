import { JobRunner } from './job-runner';

describe('JobRunner on shutdown (issue #9: SIGTERM must let work finish)', () => {
  it('waits for the running jobs and starts no new one', async () => {
    const runner = new JobRunner();
    let finish!: () => void;
    const events: string[] = [];
    void runner.run('slow', () => new Promise<void>((resolve) => { finish = () => { events.push('slow done'); resolve(); }; }));

    const shutdown = runner.beforeApplicationShutdown().then(() => events.push('shut down'));
    await runner.run('late', async () => { events.push('late ran'); });
    expect(events).toEqual([]);
    finish();
    await shutdown;
    expect(events).toEqual(['slow done', 'shut down']);
  });

  it('still never lets a failure escape, nor runs a job twice at once', async () => {
    const runner = new JobRunner();
    let calls = 0;
    const job = async () => { calls++; throw new Error('db down'); };
    await Promise.all([runner.run('flaky', job), runner.run('flaky', job)]);
    expect(calls).toBe(1);
  });
});
