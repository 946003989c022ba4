import type { SocialSim } from './sim.js';

/**
 * What `main.ts` prints at start: a summary line, then one line per platform (its name, then the
 * root URL of its own port, for clients that take only a host), then the control API. The
 * path-prefix base URLs on the main port (`${url}/<platform>`) keep working.
 */
export function startupBanner(sim: SocialSim, scenario: string): string[] {
  const state = sim.control.state();
  return [
    `social-sim listening on ${sim.url} (scenario ${scenario}, ${state.corpus.posts} real posts from ${state.corpus.origin === 'eval' ? state.corpus.dir : 'the bundled set'}); path prefixes: ${sim.url}/<platform>`,
    ...Object.entries(sim.rootUrls).map(([platform, url]) => `${platform} ${url}`),
    `control ${sim.url}/_control`,
    ...(sim.history
      ? [
          `history ${sim.history.total} back-dated posts from ${sim.history.from.slice(0, 10)}` +
            (sim.history.incident ? `, incident ${sim.history.incident.from.slice(0, 16)}Z (${sim.history.incident.posts} extra complaints)` : ''),
        ]
      : []),
  ];
}
