import { BrandListSchema, BrandSchema, type Brand, type CreateBrandRequest, type UpdateBrandRequest } from '@earshot/contracts';
import { http } from '../../../shared/http';

const path = (id: string) => `/api/brands/${encodeURIComponent(id)}`;

export async function listBrands(signal?: AbortSignal): Promise<Brand[]> {
  const list = await http.get('/api/brands', BrandListSchema, signal ? { signal } : {});
  return list.items;
}

export function createBrand(request: CreateBrandRequest): Promise<Brand> {
  return http.post('/api/brands', request, BrandSchema);
}

export function updateBrand(id: string, change: UpdateBrandRequest): Promise<Brand> {
  return http.patch(path(id), change, BrandSchema);
}

/** Deletes the brand and its listening queries. */
export function deleteBrand(id: string): Promise<void> {
  return http.send('DELETE', path(id));
}
