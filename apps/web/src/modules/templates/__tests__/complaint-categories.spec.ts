import { DEFAULT_TAXONOMY } from '@earshot/nlp';
import { COMPLAINT_CATEGORIES } from '../complaint-categories';

describe('complaint categories offered for templates', () => {
  it('are the ones the classifier assigns, with its names', () => {
    const classifier = [...DEFAULT_TAXONOMY.categories.map((c) => ({ id: c.id, label: c.name })), { id: DEFAULT_TAXONOMY.fallback, label: 'Other' }];
    expect(COMPLAINT_CATEGORIES).toEqual(classifier);
  });
});
