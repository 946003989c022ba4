/**
 * `node apps/social-sim/dist/main.js`: the simulator for the demo and manual testing.
 * Ports: SOCIAL_SIM_PORT = P (default 4100) serves every platform under a path prefix
 * (`/mastodon`, `/bluesky`, `/reddit`, `/x`, `/rss`) and the control API; P+1 mastodon, P+2 bluesky,
 * P+3 reddit, P+4 x and P+5 rss serve one platform each at their root.
 * Env: SOCIAL_SIM_PORT (default 4100), SOCIAL_SIM_HOST (127.0.0.1), SOCIAL_SIM_SCENARIO
 * (steady | crisis | none; default steady), SOCIAL_SIM_SEED (42), SOCIAL_SIM_BRAND (acme),
 * SOCIAL_SIM_BRAND_NAME (Acme), EARSHOT_EVAL_DIR (real posts; default ../../../shared/eval),
 * SOCIAL_SIM_HISTORY_DAYS (0 = none; `npm start` sets 30) and SOCIAL_SIM_HISTORY_PER_DAY (600, the demo's level):
 * back-dated posts with a daily and weekly rhythm and one past incident, as the oldest posts; the live stream then
 * continues that rhythm and level (scenario.ts) rather than its flat 15 posts a minute.
 * SOCIAL_SIM_COMPETITOR (handle[:Name], default globex:Globex; `none` = off): about 25 % of the posts name this
 * competitor instead of the brand and 4 % name both, so share of voice has two brands (in-process default: none).
 */
import { startupBanner } from './banner.js';
import { createSocialSim, DEMO_HISTORY_PER_DAY } from './sim.js';
import { SCENARIOS, type ScenarioName } from './scenario.js';

function fail(message: string): never {
  process.stderr.write(`social-sim: ${message}\n`);
  process.exit(1);
}

const env = process.env;
const port = Number(env['SOCIAL_SIM_PORT'] ?? 4100);
if (!Number.isInteger(port) || port < 0 || port > 65530)
  fail(`SOCIAL_SIM_PORT must be a port number up to 65530 (P+1..P+5 serve the platforms at their root), got "${env['SOCIAL_SIM_PORT'] ?? ''}"`);
const scenario = (env['SOCIAL_SIM_SCENARIO'] ?? 'steady') as ScenarioName;
if (!SCENARIOS.includes(scenario)) fail(`SOCIAL_SIM_SCENARIO must be one of ${SCENARIOS.join(', ')}`);
const seed = Number(env['SOCIAL_SIM_SEED'] ?? 42);
const handle = env['SOCIAL_SIM_BRAND'] ?? 'acme';
const historyDays = Number(env['SOCIAL_SIM_HISTORY_DAYS'] ?? 0);
if (!Number.isInteger(historyDays) || historyDays < 0 || historyDays > 365) fail('SOCIAL_SIM_HISTORY_DAYS must be a whole number of days from 0 to 365');
const historyPerDay = Number(env['SOCIAL_SIM_HISTORY_PER_DAY'] ?? DEMO_HISTORY_PER_DAY);
if (!Number.isFinite(historyPerDay) || historyPerDay < 1 || historyPerDay > 5000) fail('SOCIAL_SIM_HISTORY_PER_DAY must be a number from 1 to 5000');
const name = env['SOCIAL_SIM_BRAND_NAME'] ?? handle.charAt(0).toUpperCase() + handle.slice(1);
const rivalSpec = (env['SOCIAL_SIM_COMPETITOR'] ?? 'globex:Globex').trim();
const rivalOff = /^(none|off|false)?$/i.test(rivalSpec);
const rival = rivalOff ? null : /^(\w{1,30})(?::(.{1,60}))?$/.exec(rivalSpec);
if (!rivalOff && !rival) fail(`SOCIAL_SIM_COMPETITOR must be handle[:Name] (handle: letters, digits, _) or none, got "${rivalSpec}"`);
const competitor = rival
  ? { handle: rival[1] as string, name: rival[2]?.trim() || (rival[1] as string).charAt(0).toUpperCase() + (rival[1] as string).slice(1) }
  : null;
if (competitor && (competitor.handle.toLowerCase().includes(handle.toLowerCase()) || handle.toLowerCase().includes(competitor.handle.toLowerCase())))
  fail(`SOCIAL_SIM_COMPETITOR "${competitor.handle}" must not contain the brand's handle "${handle}" (or be part of it)`);

const sim = await createSocialSim({
  port,
  host: env['SOCIAL_SIM_HOST'] ?? '127.0.0.1',
  seed: Number.isFinite(seed) ? seed : 42,
  scenario,
  ...(historyDays > 0 ? { history: { days: historyDays, perDay: historyPerDay, seed: Number.isFinite(seed) ? seed : 42 } } : {}),
  brand: { handle, name },
  competitor,
  log: (line) => process.stderr.write(`${line}\n`),
}).catch((err: unknown) =>
  fail(`cannot listen (${err instanceof Error ? err.message : String(err)})${port ? `; ports ${port}..${port + 5} must be free, or set SOCIAL_SIM_PORT` : ''}`),
);
const live = sim.control.scenario().live;
process.stdout.write(
  `${[
    ...startupBanner(sim, scenario),
    ...(competitor ? [`competitor @${competitor.handle} (${competitor.name}): named instead of @${handle} in ~25 % of posts, beside it in ~4 %`] : []),
    ...(live?.kind === 'history' ? [`live posts continue the history: ~${live.perDay} a weekday, ${live.postsPerHourNow} an hour now (UTC rhythm)`] : []),
  ].join('\n')}\n`,
);

const stop = (): void => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
