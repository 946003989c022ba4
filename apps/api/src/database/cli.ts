/**
 * Migration CLI, on the same data source as the app:
 *   node dist/database/cli.js run        apply pending migrations
 *   node dist/database/cli.js revert     undo the last migration
 *   node dist/database/cli.js check      fail when entities and migrations disagree
 *   node dist/database/cli.js generate N write src/database/migrations/<ts>-N.ts from the drift
 * `run` and `revert` use DATABASE_URL (or the embedded database); `check` and `generate`
 * use a throwaway in-memory database so they never touch real data.
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { loadConfig, ConfigError } from '../config/env.js';
import { createDataSource } from './data-source.js';
import { detectSchemaDrift } from './schema-drift.js';

async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  if (command === 'run' || command === 'revert') {
    const config = loadConfig(process.env);
    const ds = await createDataSource(config.database).initialize();
    try {
      if (command === 'run') {
        const done = await ds.runMigrations({ transaction: 'each' });
        console.log(done.length ? `Applied ${done.map((m) => m.name).join(', ')}` : 'No pending migrations.');
      } else {
        await ds.undoLastMigration({ transaction: 'each' });
        console.log('Reverted the last migration.');
      }
    } finally {
      await ds.destroy();
    }
    return 0;
  }
  if (command === 'check' || command === 'generate') {
    const ds = await createDataSource({ engine: 'pglite', dataDir: null }).initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
      const drift = await detectSchemaDrift(ds);
      if (command === 'check') {
        if (drift.up.length === 0) {
          console.log('Entities and migrations agree.');
          return 0;
        }
        console.error('Entities and migrations disagree. A migration is missing these statements:');
        for (const q of drift.up) console.error(`  ${q};`);
        console.error('Write one with: npm run migration:generate -w @earshot/api -- <Name>');
        return 1;
      }
      if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
        console.error('Usage: migration:generate -- <Name>  (PascalCase, e.g. AddMentionTable)');
        return 2;
      }
      if (drift.up.length === 0) {
        console.log('Nothing to generate: entities and migrations agree.');
        return 0;
      }
      const ts = Date.now();
      const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/database/migrations');
      const file = path.join(srcDir, `${ts}-${name}.ts`);
      const literal = (s: string) => (/[`\\]|\$\{/.test(s) ? JSON.stringify(s) : `\`${s}\``);
      const q = (s: string) => `    await queryRunner.query(${literal(s)});`;
      writeFileSync(
        file,
        `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${ts} implements MigrationInterface {\n  name = '${name}${ts}';\n\n  async up(queryRunner: QueryRunner): Promise<void> {\n${drift.up.map(q).join('\n')}\n  }\n\n  async down(queryRunner: QueryRunner): Promise<void> {\n${[...drift.down].reverse().map(q).join('\n')}\n  }\n}\n`,
      );
      const indexFile = path.join(srcDir, 'index.ts');
      const index = readFileSync(indexFile, 'utf8');
      writeFileSync(
        indexFile,
        `import { ${name}${ts} } from './${ts}-${name}.js';\n` +
          index.replace(/= \[(.*)\];/s, (_m, list: string) => `= [${list.trim() ? `${list.trim().replace(/,$/, '')}, ` : ''}${name}${ts}];`),
      );
      console.log(`Wrote ${path.relative(process.cwd(), file)}; review it, then build and run.`);
      return 0;
    } finally {
      await ds.destroy();
    }
  }
  console.error('Usage: cli.js run | revert | check | generate <Name>');
  return 2;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  },
);
