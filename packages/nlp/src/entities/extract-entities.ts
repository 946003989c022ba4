import { type Entities } from '../types.js';
import { type Tokenized } from '../text/tokenized.js';

/** Handles, hashtags, links, e-mail addresses and emoji, from wink-nlp's token types (deduplicated, in order). */
export function extractEntities(tok: Tokenized): Entities {
  const out: Entities = { handles: [], hashtags: [], urls: [], emails: [], emoji: [] };
  for (let i = 0; i < tok.kind.length; i += 1) {
    const raw = tok.raw[i] ?? '';
    switch (tok.kind[i]) {
      case 'mention':
        pushUnique(out.handles, raw);
        break;
      case 'hashtag':
        pushUnique(out.hashtags, raw);
        break;
      case 'url':
        pushUnique(out.urls, raw);
        break;
      case 'email':
        pushUnique(out.emails, raw);
        break;
      case 'emoji':
      case 'emoticon':
        pushUnique(out.emoji, raw);
        break;
      default:
        break;
    }
  }
  return out;
}

function pushUnique(arr: string[], v: string): void {
  if (!arr.includes(v)) arr.push(v);
}
