"""PRAW (Debian python3-praw, unmodified) against the simulator's Reddit root: search, r/all, thread, reply, inbox, delete."""
import sys
import praw

base = sys.argv[1]  # the root URL: PRAW joins its paths to the host and would drop a path prefix
r = praw.Reddit(client_id='sim-client', client_secret='sim-secret', username='acme_support', password='pw',
                user_agent='script:earshot-sim-check:0.1 (by /u/acme_support)', oauth_url=base, reddit_url=base, check_for_updates=False)
print('me', r.user.me().name)
res = list(r.subreddit('gadgets').search('acme', sort='new', limit=5))
assert res, 'no search results in r/gadgets'
print('r/gadgets search', len(res), '| r/all new', len(list(r.subreddit('all').new(limit=5))), '| r/all comments', len(list(r.subreddit('all').comments(limit=5))))
s = r.submission(id=res[0].id)
print('submission', s.title[:30], 'comments', len(s.comments.list()))
c = s.reply(body='Sorry to hear that, DM us please')
assert c.parent_id == s.fullname
assert len(r.submission(id=s.id).comments.list()) >= 1
print('mentions', len(list(r.inbox.mentions(limit=5))))
print('author karma', r.redditor(s.author.name).comment_karma)
assert [i.fullname for i in r.info(fullnames=[s.fullname, c.fullname])] == [s.fullname, c.fullname]
c.delete()
c2 = r.comment(id=c.id)
c2.refresh()
assert c2.body == '[deleted]', c2.body
print('OK praw')
