import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

let instance: WinkMethods | undefined;

/**
 * One wink-nlp instance for the process, with only the pipes the hot path needs:
 * tokenisation (token types: word, mention, hashtag, url, email, emoji, emoticon, ...),
 * sentence boundaries and negation scope. POS, NER and wink's own sentiment are off: they
 * cost four times as much and the analyzer does not use them.
 */
export function wink(): WinkMethods {
  instance ??= winkNLP(model, ['sbd', 'negation']);
  return instance;
}
