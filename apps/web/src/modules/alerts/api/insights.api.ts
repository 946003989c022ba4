import { http } from '../../../shared/http';
import { RecurringQuestionListSchema, SuggestionPageSchema, type RecurringQuestion, type SuggestionPage } from './alert-schemas';

export async function listRecurringQuestions(query: { days?: number; minAuthors?: number }, signal?: AbortSignal): Promise<RecurringQuestion[]> {
  const params = new URLSearchParams();
  if (query.days) params.set('days', String(query.days));
  if (query.minAuthors) params.set('minAuthors', String(query.minAuthors));
  const text = params.toString();
  return (await http.get(`/api/insights/recurring-questions${text ? `?${text}` : ''}`, RecurringQuestionListSchema, signal ? { signal } : {})).items;
}

export function listSuggestions(query: { from?: string; to?: string; cursor?: string | null }, signal?: AbortSignal): Promise<SuggestionPage> {
  const params = new URLSearchParams();
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  if (query.cursor) params.set('cursor', query.cursor);
  const text = params.toString();
  return http.get(`/api/insights/suggestions${text ? `?${text}` : ''}`, SuggestionPageSchema, signal ? { signal } : {});
}
