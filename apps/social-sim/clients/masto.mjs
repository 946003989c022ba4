// masto (npm, unmodified) against the simulator's Mastodon root: instance v1/v2, account, mentions with
// Link paging, thread, lookup, reply with an Idempotency-Key, delete.
import assert from 'node:assert/strict';
import { createRestAPIClient } from 'masto';

const masto = createRestAPIClient({ url: process.argv[2], accessToken: 'sim-token' });
console.log('v1 instance', (await masto.v1.instance.fetch()).version);
assert.equal((await masto.v2.instance.fetch()).configuration.statuses.maxCharacters, 500);
console.log('me', (await masto.v1.accounts.verifyCredentials()).acct);
const ns = await masto.v1.notifications.list({ types: ['mention'], limit: 2 });
assert.equal(ns.length, 2);
let pages = 0;
for await (const page of masto.v1.notifications.list({ limit: 2 })) if (page.length && ++pages >= 3) break;
assert.equal(pages, 3);
const st = ns[0].status;
const acc = await masto.v1.accounts.$select(st.account.id).fetch();
assert.equal((await masto.v1.accounts.lookup({ acct: st.account.acct })).id, acc.id);
const r = await masto.v1.statuses.create(
  { status: `@${st.account.acct} on it`, inReplyToId: st.id },
  { requestInit: { headers: { 'Idempotency-Key': `masto-${Date.now()}` } } },
);
assert.equal(r.inReplyToId, st.id);
const ctx = await masto.v1.statuses.$select(st.id).context.fetch();
assert.deepEqual(
  ctx.descendants.map((s) => s.id),
  [r.id],
);
assert.ok((await masto.v1.statuses.$select(r.id).remove()).text.startsWith('@'));
await assert.rejects(masto.v1.statuses.$select(r.id).fetch(), (e) => e.statusCode === 404);
console.log('OK masto');
