import type { Mention } from '@earshot/contracts';
import { SENTIMENT_LABELS } from '../mention-labels';

/** Sentiment in words with its colour (the colour is never the only signal). */
export function SentimentBadge({ sentiment }: { sentiment: Mention['sentiment'] }) {
  if (!sentiment) return <span className="sentiment sentiment--none">No sentiment</span>;
  return (
    <span
      className={`sentiment sentiment--${sentiment.label}`}
      title={`Score ${sentiment.score.toFixed(2)}, confidence ${Math.round(sentiment.confidence * 100)}%`}
    >
      {SENTIMENT_LABELS[sentiment.label]}
    </span>
  );
}
