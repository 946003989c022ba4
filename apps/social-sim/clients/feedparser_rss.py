"""feedparser (Debian python3-feedparser) reads the simulated RSS and Atom feeds, then asks again with the ETag."""
import sys
import feedparser

base = sys.argv[1]
for path in ('/feed.xml', '/atom.xml'):
    f = feedparser.parse(base + path)
    assert f.status == 200 and not f.bozo and f.entries, (path, f.status, f.bozo)
    again = feedparser.parse(base + path, etag=f.etag)
    assert again.status == 304, again.status
    print(path, 'entries', len(f.entries), 'conditional', again.status)
