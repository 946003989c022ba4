import type { SchedulerRegistry } from '@nestjs/schedule';
import type { CronJob } from 'cron';
import { startEnvCron } from './env-cron.util.js';

function fakeRegistry(): { registry: SchedulerRegistry; jobs: Map<string, CronJob> } {
  const jobs = new Map<string, CronJob>();
  const registry = { addCronJob: (name: string, job: CronJob) => jobs.set(name, job) } as unknown as SchedulerRegistry;
  return { registry, jobs };
}

describe('startEnvCron', () => {
  const base = { name: 'nightly', variable: 'EARSHOT_X_CRON', example: '"0 2 * * *" (02:00 every night)', onTick: () => undefined };

  it('schedules nothing when the variable is off', () => {
    const { registry, jobs } = fakeRegistry();
    startEnvCron(registry, { ...base, cron: null });
    expect(jobs.size).toBe(0);
  });

  it('registers and starts a job for a valid expression', () => {
    const { registry, jobs } = fakeRegistry();
    startEnvCron(registry, { ...base, cron: '0 2 * * *' });
    const job = jobs.get('nightly')!;
    expect(job.isActive).toBe(true);
    void job.stop();
  });

  it('stops start-up on a malformed expression, naming the variable, an example and the value', () => {
    const { registry, jobs } = fakeRegistry();
    expect(() => startEnvCron(registry, { ...base, cron: 'every night' })).toThrow(
      'EARSHOT_X_CRON: must be a cron expression such as "0 2 * * *" (02:00 every night), or off (got "every night")',
    );
    expect(jobs.size).toBe(0);
  });
});
