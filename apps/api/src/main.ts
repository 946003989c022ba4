import { ConfigError, loadConfig } from './config/env.js';
import { readVersion } from './config/version.js';
import { createApp } from './create-app.js';
import { applyServerTimeouts } from './common/http/server-timeouts.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env, readVersion());
  const { app, seed, webServed } = await createApp(config);
  applyServerTimeouts(app.getHttpServer());
  await app.listen(config.port, config.host);
  const url = config.publicUrl?.origin ?? `http://localhost:${config.port}`;
  const db = config.database.engine === 'pglite' ? `embedded PostgreSQL in ${config.database.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  if (seed.created) {
    const lines = ['', '  Earshot created a demo workspace and its admin account.', `  E-mail:   ${seed.email}`];
    if (seed.generatedPassword) lines.push(`  Password: ${seed.generatedPassword}   (generated; shown only this once: you choose your own at first sign-in)`);
    else lines.push('  Password: the value of EARSHOT_ADMIN_PASSWORD');
    process.stdout.write(lines.join('\n') + '\n\n');
  }
  process.stdout.write(`Earshot ${config.version} is running at ${url} on ${db}${webServed ? '' : ' (dashboard not built: run npm run build)'}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
