import type { SourcePlatform } from '@earshot/contracts';
import { PLATFORM_INFO } from '../sources/source-platforms';

/** "X", "Mastodon"…; an unknown platform name as it came. */
export function platformLabel(platform: string): string {
  return PLATFORM_INFO[platform as SourcePlatform]?.label ?? platform;
}
