import type { Intent, MentionStatus, SentimentLabel, UrgencyLevel } from '@earshot/contracts';

export const URGENCY_LABELS: Record<UrgencyLevel, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };
export const SENTIMENT_LABELS: Record<SentimentLabel, string> = { negative: 'Negative', neutral: 'Neutral', positive: 'Positive' };
export const STATUS_LABELS: Record<MentionStatus, string> = { new: 'New', open: 'Open', pending: 'Pending', resolved: 'Resolved', ignored: 'Ignored' };
export const INTENT_LABELS: Record<Intent, string> = {
  complaint: 'Complaint',
  question: 'Question',
  praise: 'Praise',
  suggestion: 'Suggestion',
  other: 'Other',
};
