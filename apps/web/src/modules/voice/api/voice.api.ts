import { VoiceGuideSchema, type PutVoiceGuideRequest, type VoiceGuide } from '@earshot/contracts';
import { http, request } from '../../../shared/http';

const path = (brandId: string) => `/api/brands/${encodeURIComponent(brandId)}/voice`;

/** The brand's voice guide: the shipped default (`customised: false`) until a manager saves one. */
export function getVoiceGuide(brandId: string, signal?: AbortSignal): Promise<VoiceGuide> {
  return http.get(path(brandId), VoiceGuideSchema, signal ? { signal } : {});
}

export function putVoiceGuide(brandId: string, guide: PutVoiceGuideRequest): Promise<VoiceGuide> {
  return request('PUT', path(brandId), { body: guide, schema: VoiceGuideSchema });
}

/**
 * Back to the shipped default: DELETE removes the brand's saved guide, then the guide is read
 * again (whatever DELETE answers, 204 or a body, the GET is the one source of the result).
 */
export async function resetVoiceGuide(brandId: string): Promise<VoiceGuide> {
  await http.send('DELETE', path(brandId));
  return getVoiceGuide(brandId);
}

/** One object for callers that prefer `voiceApi.get(...)`. */
export const voiceApi = { get: getVoiceGuide, put: putVoiceGuide, reset: resetVoiceGuide };
