// `npm start`: runs the local social simulator and the api (which serves the dashboard),
// wires the api to the simulator, and stops both together. Build first (npm start does).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const simPort = process.env.SOCIAL_SIM_PORT ?? '4100';
const withSim = process.env.EARSHOT_DEMO_SIM !== 'false';
const children = [];
let stopping = false;

/** V8 flags the api runs with everywhere (here, Dockerfile, e2e and benchmarks): a 32 MB young
 * generation halves the scavenges of the ingest path (bench:ingest, docs/architecture.md). */
const API_NODE_ARGS = ['--max-semi-space-size=32'];

function run(name, script, env, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, script)], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopped (${signal ?? `exit ${code}`}); stopping Earshot.`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

function stop(code) {
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const apiEnv = {};
if (withSim) {
  // A month of back-dated posts (the demo sources read all of it on first start); 0 turns it off.
  run('social-sim', 'apps/social-sim/dist/main.js', { SOCIAL_SIM_PORT: simPort, SOCIAL_SIM_HISTORY_DAYS: process.env.SOCIAL_SIM_HISTORY_DAYS ?? '30' });
  apiEnv.SOCIAL_SIM_URL = process.env.SOCIAL_SIM_URL ?? `http://127.0.0.1:${simPort}`;
}
run('api', 'apps/api/dist/main.js', apiEnv, API_NODE_ARGS);
