import { useMemo, useState } from 'react';
import type { Brand } from '@earshot/contracts';
import { useResourceList } from '../../../shared/hooks/useResourceList';
import { listBrands } from '../../listening/api/brands.api';

export type OwnBrandsState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; brands: Brand[] };

/**
 * The workspace's own brands (templates and voice guides belong to them; competitors get no
 * replies) and the one the page works on: the first until the user picks another.
 */
export function useOwnBrands() {
  const list = useResourceList(listBrands, { failureMessage: 'The brands could not be loaded.' });
  const [chosenId, setChosenId] = useState<string | null>(null);

  const state = useMemo<OwnBrandsState>(() => {
    if (list.state.status !== 'ready') return list.state;
    return { status: 'ready', brands: list.state.items.filter((b) => b.kind === 'own') };
  }, [list.state]);

  const brands = state.status === 'ready' ? state.brands : [];
  const brand = brands.find((b) => b.id === chosenId) ?? brands[0] ?? null;
  return { state, brand, chooseBrand: setChosenId, reload: list.reload };
}
