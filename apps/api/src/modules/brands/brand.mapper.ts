import type { Brand } from '@earshot/contracts';
import type { BrandEntity } from './brand.entity.js';

export function toBrandDto(b: BrandEntity): Brand {
  return { id: b.id, name: b.name, kind: b.kind, handles: b.handles, createdAt: b.createdAt.toISOString() };
}
