// `npm run docker:env`: writes docker/earshot.env with fresh random secrets for
// docker/compose.yaml (PostgreSQL and Redis passwords, the credentials key). It never
// overwrites an existing file: the key in it is what opens the stored credentials.
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, 'docker', 'earshot.env');

if (existsSync(target)) {
  console.error(`${path.relative(process.cwd(), target)} already exists; not overwritten (its EARSHOT_SECRET_KEY opens the stored credentials).`);
  process.exit(1);
}
const hex = (n) => randomBytes(n).toString('hex');
const lines = [
  '# Written by `npm run docker:env`. Keep it secret and keep it: every api replica needs the same key.',
  `POSTGRES_PASSWORD=${hex(24)}`,
  `REDIS_PASSWORD=${hex(24)}`,
  `EARSHOT_SECRET_KEY=${randomBytes(32).toString('base64')}`,
  '# Optional (at least 12 characters); unset: generated, printed once, changed at first sign-in.',
  'EARSHOT_ADMIN_PASSWORD=',
  '',
];
writeFileSync(target, lines.join('\n'), { mode: 0o600, flag: 'wx' });
console.log(`Wrote ${path.relative(process.cwd(), target)}. Start with: docker compose --env-file docker/earshot.env -f docker/compose.yaml up --build`);
