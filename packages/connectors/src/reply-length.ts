/**
 * The browser-safe entry (`@earshot/connectors/reply-length`): how each platform counts a reply's
 * length, with no connector code behind it, so the dashboard's composer and the voice linter
 * count exactly as the connectors (and the platforms) do.
 */
export {
  REPLY_LIMITS,
  graphemeCount,
  graphemeSpans,
  graphemes,
  isEmojiGrapheme,
  postedReplyText,
  replyLength,
  replyLimitOf,
  type PostedReplyTarget,
  type ReplyLengthUnit,
  type ReplyLimit,
} from './core/reply-length.js';
