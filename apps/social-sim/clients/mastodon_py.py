"""Mastodon.py (Debian python3-mastodon, unmodified) against the simulator: instance, account, mentions, thread, reply, delete."""
import sys
import uuid
from mastodon import Mastodon, MastodonNotFoundError

base = sys.argv[1]
m = Mastodon(access_token='sim-token', api_base_url=base)  # reads GET /api/v1/instance for the version
print('version', m.retrieve_mastodon_version())
me = m.account_verify_credentials()
print('me', me['acct'])
ns = m.notifications(mentions_only=True, limit=5)
assert ns and ns[0]['type'] == 'mention', ns
st = ns[0]['status']
print('notifications', len(ns))
assert m.account(st['account']['id'])['acct'] == st['account']['acct']
assert m.account_lookup(st['account']['acct'])['id'] == st['account']['id']
assert m.status(st['id'])['id'] == st['id']
r = m.status_post('@%s thanks, looking into it' % st['account']['acct'], in_reply_to_id=st, idempotency_key=str(uuid.uuid4()))
assert r['in_reply_to_id'] == st['id']
ctx = m.status_context(st['id'])
assert [d['id'] for d in ctx['descendants']] == [r['id']], ctx
print('search', len(m.search_v2('acme', result_type='statuses')['statuses']))
d = m.status_delete(r['id'])
assert d['text'].startswith('@'), d
try:
    m.status(r['id'])
    raise SystemExit('deleted status still readable')
except MastodonNotFoundError as e:
    print('after delete', e.args[1], e.args[3])
print('OK mastodon.py')
