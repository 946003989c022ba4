#!/usr/bin/env bash
# Manual check, not part of `npm test`: the simulator with unmodified, widely used client libraries
# (issue 11 item 8). The libraries are installed OUTSIDE the repo: the npm ones into $CLIENTS_DIR,
# the Python ones from Debian (python3-mastodon, python3-praw, python3-feedparser) with apt-get.
#
#   npm run build -w @earshot/social-sim
#   SOCIAL_SIM_PORT=4600 SOCIAL_SIM_SCENARIO=none node apps/social-sim/dist/main.js &
#   SOCIAL_SIM_PORT=4600 bash apps/social-sim/clients/run.sh
#
# Every client gets the platform's ROOT URL (P+1..P+5): masto, @atproto/api and PRAW resolve their
# paths against the host and drop a path prefix. tweepy is left out: its host is fixed in code.
set -euo pipefail
P=${SOCIAL_SIM_PORT:-4100}
HOST=${SOCIAL_SIM_HOST:-127.0.0.1}
DIR=${CLIENTS_DIR:-${TMPDIR:-/tmp}/earshot-sim-clients}
HERE=$(cd "$(dirname "$0")" && pwd)
ctl() { curl -fsS -X POST "http://$HOST:$P/_control/$1" -H 'content-type: application/json' -d "$2" > /dev/null; }

mkdir -p "$DIR"
[ -f "$DIR/package.json" ] || echo '{"private":true}' > "$DIR/package.json"
[ -d "$DIR/node_modules/masto" ] || (cd "$DIR" && npm install --no-audit --no-fund masto @atproto/api twitter-api-v2 > /dev/null)
/usr/bin/python3 -c 'import mastodon, praw, feedparser' 2> /dev/null || apt-get install -y -qq python3-mastodon python3-praw python3-feedparser > /dev/null
cp "$HERE"/*.mjs "$HERE"/*.cjs "$DIR/"

ctl reset '{}'
ctl posts '{"platform":"mastodon","count":7}'
ctl posts '{"platform":"bluesky","count":3}'
ctl posts '{"platform":"reddit","count":3,"kind":"t3"}'
ctl posts '{"platform":"reddit","count":3,"kind":"t1"}'
ctl posts '{"platform":"x","count":12}'
ctl posts '{"platform":"rss","count":4}'

echo "== Mastodon.py";   /usr/bin/python3 "$HERE/mastodon_py.py" "http://$HOST:$((P + 1))"
echo "== masto";         (cd "$DIR" && node masto.mjs "http://$HOST:$((P + 1))")
echo "== @atproto/api";  (cd "$DIR" && node atproto-api.mjs "http://$HOST:$((P + 2))")
echo "== PRAW";          /usr/bin/python3 "$HERE/praw_reddit.py" "http://$HOST:$((P + 3))"
echo "== twitter-api-v2"; (cd "$DIR" && node twitter-api-v2.cjs "http://$HOST:$((P + 4))")
echo "== feedparser";    /usr/bin/python3 "$HERE/feedparser_rss.py" "http://$HOST:$((P + 5))"
echo "all clients OK"
