import { useEffect, useState } from 'react';
import { listBrands } from '../../listening/api/brands.api';

/** Brand names by id, read from the api only while some brand ids are asked for (a filter chip). */
export function useBrandNames(ids: readonly string[]): ReadonlyMap<string, string> {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const wanted = ids.length > 0;
  useEffect(() => {
    if (!wanted) return;
    const controller = new AbortController();
    listBrands(controller.signal).then(
      (brands) => {
        if (!controller.signal.aborted) setNames(new Map(brands.map((b) => [b.id, b.name])));
      },
      // Without names the chip says "a brand"; the filter itself still applies.
      () => undefined,
    );
    return () => controller.abort();
  }, [wanted]);
  return names;
}
