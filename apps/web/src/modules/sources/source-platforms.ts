import { PLATFORM_TABLE, PLATFORMS, type SourcePlatform, type StreamQueryField } from '@earshot/contracts';

export interface StreamOption {
  kind: string;
  label: string;
  /** What the stream query is, when the stream needs one ("a hashtag without #"). */
  query: StreamQueryField | null;
}

export interface CredentialField {
  name: string;
  label: string;
  hint?: string;
  secret: boolean;
  required: boolean;
}

export interface PlatformInfo {
  label: string;
  /** The usual API address, shown as the placeholder of the base URL field. */
  defaultBaseUrl: string;
  /** Whether an empty base URL may fall back to `defaultBaseUrl` (not for feeds: every feed has its own). */
  baseUrlHasDefault: boolean;
  baseUrlHint: string;
  streams: readonly StreamOption[];
  credentials: readonly CredentialField[];
}

function infoOf(platform: SourcePlatform): PlatformInfo {
  const spec = PLATFORM_TABLE[platform];
  return {
    label: spec.label,
    defaultBaseUrl: spec.defaultBaseUrl,
    baseUrlHasDefault: spec.baseUrlHasDefault,
    baseUrlHint: spec.baseUrlHint,
    streams: spec.streams.map((s) => ({ kind: s.kind, label: s.label, query: s.queryField })),
    credentials: spec.credentials.map((c) => ({
      name: c.name,
      label: c.label,
      secret: c.secret,
      required: c.required,
      ...(c.required ? {} : { hint: 'Optional.' }),
    })),
  };
}

/** What the source form shows for each platform: the one platform table (@earshot/contracts) in the form's shape. */
export const PLATFORM_INFO: Readonly<Record<SourcePlatform, PlatformInfo>> = Object.fromEntries(PLATFORMS.map((p) => [p, infoOf(p)])) as Record<
  SourcePlatform,
  PlatformInfo
>;

export const PLATFORM_OPTIONS = PLATFORMS.map((platform) => ({ value: platform, label: PLATFORM_INFO[platform].label }));

export function streamOf(platform: SourcePlatform, kind: string): StreamOption | undefined {
  return PLATFORM_INFO[platform].streams.find((stream) => stream.kind === kind);
}

/** A stored credential's readable name ("appPassword" -> "App password"); unknown names as they are. */
export function credentialLabel(platform: SourcePlatform, name: string): string {
  return PLATFORM_INFO[platform].credentials.find((field) => field.name === name)?.label ?? name;
}
