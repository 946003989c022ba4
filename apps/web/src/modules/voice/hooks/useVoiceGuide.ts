import { useCallback, useEffect, useState } from 'react';
import type { VoiceGuide } from '@earshot/contracts';
import { isApiRequestError } from '../../../shared/http';
import { getVoiceGuide } from '../api/voice.api';

export type VoiceGuideState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; guide: VoiceGuide };

type Loaded = { brandId: string; attempt: number } & ({ status: 'error'; message: string } | { status: 'ready'; guide: VoiceGuide });

/** A brand's voice guide, loaded when the brand changes; `replace` puts what a save or reset answered in its place. */
export function useVoiceGuide(brandId: string) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    getVoiceGuide(brandId, controller.signal).then(
      (guide) => setLoaded({ brandId, attempt, status: 'ready', guide }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setLoaded({ brandId, attempt, status: 'error', message: isApiRequestError(error) ? error.message : 'The voice guide could not be loaded.' });
      },
    );
    return () => controller.abort();
  }, [brandId, attempt]);

  // What was loaded for another brand or before "Try again" is not this brand's guide: loading.
  const state: VoiceGuideState =
    loaded === null || loaded.brandId !== brandId || loaded.attempt !== attempt
      ? { status: 'loading' }
      : loaded.status === 'ready'
        ? { status: 'ready', guide: loaded.guide }
        : { status: 'error', message: loaded.message };

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const replace = useCallback((guide: VoiceGuide) => setLoaded({ brandId: guide.brandId, attempt, status: 'ready', guide }), [attempt]);
  return { state, reload, replace };
}
