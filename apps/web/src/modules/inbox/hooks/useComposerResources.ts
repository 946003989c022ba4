import { useEffect, useState } from 'react';
import type { Mention, ReplyTemplate, VoiceGuideBody } from '@earshot/contracts';
import { DEFAULT_VOICE_GUIDE } from '@earshot/voice';
import { listBrands } from '../../listening/api/brands.api';
import { listTemplates } from '../../templates/api/templates.api';
import { getVoiceGuide } from '../../voice/api/voice.api';

export interface ComposerResources {
  templates: ReplyTemplate[];
  /** The brand's guide; the shipped default for a mention without a brand (the api lints with the same). */
  guide: VoiceGuideBody;
  brandName: string | null;
  /** True once all three answered (or failed). */
  ready: boolean;
  /** What could not be loaded, in words (the composer still works with the default guide). */
  problem: string | null;
}

/** What the composer needs beside the mention: the brand's templates, voice guide and name. */
export function useComposerResources(mention: Pick<Mention, 'brandId'>): ComposerResources {
  const brandId = mention.brandId;
  const [state, setState] = useState<ComposerResources & { brandId: string | null }>({
    brandId,
    templates: [],
    guide: DEFAULT_VOICE_GUIDE,
    brandName: null,
    ready: false,
    problem: null,
  });

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    const problems: string[] = [];
    const noted =
      <T>(what: string, fallback: T) =>
      () => {
        problems.push(what);
        return fallback;
      };
    void Promise.all([
      listTemplates(brandId ?? undefined, signal).catch(noted('templates', [] as ReplyTemplate[])),
      brandId ? getVoiceGuide(brandId, signal).catch(noted('the voice guide', null)) : Promise.resolve(null),
      brandId ? listBrands(signal).catch(noted('the brand', [])) : Promise.resolve([]),
    ]).then(([templates, guide, brands]) => {
      if (signal.aborted) return;
      setState({
        brandId,
        templates,
        guide: guide ?? DEFAULT_VOICE_GUIDE,
        brandName: brands.find((b) => b.id === brandId)?.name ?? null,
        ready: true,
        problem: problems.length
          ? `Could not load ${problems.join(' and ')}.${problems.includes('the voice guide') ? ' The linter checks with the default guide meanwhile; Earshot checks again with the brand’s own when you send.' : ''}`
          : null,
      });
    });
    return () => controller.abort();
  }, [brandId]);

  return state.brandId === brandId ? state : { templates: [], guide: DEFAULT_VOICE_GUIDE, brandName: null, ready: false, problem: null };
}
