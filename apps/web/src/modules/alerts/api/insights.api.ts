import { http } from '../../../shared/http';
import { RecurringQuestionsSchema, SuggestionsPageSchema, type RecurringQuestions, type SuggestionsPage } from './alert-schemas';

const query = (params: Record<string, string | number | null | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** The same question from at least `minAuthors` people in the last `days` days, most authors first. */
export function listRecurringQuestions(params: { days?: number; minAuthors?: number }, signal?: AbortSignal): Promise<RecurringQuestions> {
  return http.get(`/api/insights/recurring-questions${query(params)}`, RecurringQuestionsSchema, signal ? { signal } : {});
}

/** Mentions with intent `suggestion`, newest first, a page at a time. */
export function listSuggestions(
  params: { from?: string; to?: string; cursor?: string | null; limit?: number },
  signal?: AbortSignal,
): Promise<SuggestionsPage> {
  return http.get(`/api/insights/suggestions${query(params)}`, SuggestionsPageSchema, signal ? { signal } : {});
}
