import type { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';

export interface EnvCronJob {
  /** The job's name in the registry. */
  name: string;
  /** The expression from the environment; null (`off`) schedules nothing. */
  cron: string | null;
  /** The variable it came from, and an example with its meaning, for the error message. */
  variable: string;
  example: string;
  /** One round; its own errors are the caller's to log (a rejected round never stops the job). */
  onTick: () => void;
}

/**
 * Registers and starts a cron job whose expression an operator set in the environment, or
 * nothing when it is off. A malformed expression stops start-up with a message naming the
 * variable, an example, and what was given.
 */
export function startEnvCron(registry: SchedulerRegistry, job: EnvCronJob): void {
  if (!job.cron) return;
  let cronJob: CronJob;
  try {
    cronJob = CronJob.from({ cronTime: job.cron, onTick: job.onTick, start: false });
  } catch {
    throw new Error(`${job.variable}: must be a cron expression such as ${job.example}, or off (got "${job.cron}")`);
  }
  registry.addCronJob(job.name, cronJob);
  cronJob.start();
}
