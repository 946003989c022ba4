import type { Mention, Replyability } from '@earshot/contracts';
import { PostLink } from './PostLink';

const FALLBACK: Record<Replyability['code'], string> = {
  ok: '',
  feed: 'Feeds cannot be answered from Earshot: open the original to respond there.',
  no_source: 'No connected source can post this reply.',
  missing_credentials: 'The source cannot post replies with the credentials it has.',
  competitor_only: 'This mention was found only by a competitor’s query: it cannot be answered in our brand’s name.',
  own_post: 'This is our own post.',
};

/** Why this mention cannot be answered from Earshot, and what to do instead. */
export function ReplyabilityNotice({ replyability, mention }: { replyability: Replyability; mention: Mention }) {
  const missing = replyability.code === 'missing_credentials' && replyability.missing?.length ? replyability.missing : null;
  return (
    <div className="reply__cannot" data-testid="replyability" data-code={replyability.code}>
      <p>{replyability.message ?? FALLBACK[replyability.code]}</p>
      {missing ? (
        <p>
          Missing: {missing.join(', ')}. An admin adds {missing.length === 1 ? 'it' : 'them'} in Settings › Sources.
        </p>
      ) : null}
      {replyability.code === 'feed' ? <PostLink url={mention.url} label="Open the original" /> : null}
    </div>
  );
}
