import { Metrics } from '@countycare/common';
import { JobRunner } from './job-runner';

describe('JobRunner on shutdown (issue #9: SIGTERM must let work finish)', () => {
  it('waits for the running jobs and starts no new one', async () => {
    const runner = new JobRunner(new Metrics());
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
    const runner = new JobRunner(new Metrics());
    let calls = 0;
    const job = async () => { calls++; throw new Error('db down'); };
    await Promise.all([runner.run('flaky', job), runner.run('flaky', job)]);
    expect(calls).toBe(1);
  });
});

describe('JobRunner metrics (issue #10: job runs and failures on the worker\'s /metrics)', () => {
  it('counts runs, failures and durations by job name', async () => {
    const metrics = new Metrics();
    const runner = new JobRunner(metrics);
    await runner.run('audit.seal', async () => 3);
    await runner.run('audit.seal', async () => undefined);
    await runner.run('referrals.sla', async () => { throw new Error('db down'); });
    const text = await metrics.render();
    expect(text).toContain('countycare_job_runs_total{job="audit.seal"} 2');
    expect(text).toContain('countycare_job_failures_total{job="audit.seal"} 0');
    expect(text).toContain('countycare_job_runs_total{job="referrals.sla"} 1');
    expect(text).toContain('countycare_job_failures_total{job="referrals.sla"} 1');
    expect(text).toContain('countycare_job_duration_seconds_count{job="audit.seal"} 2');
  });
});
