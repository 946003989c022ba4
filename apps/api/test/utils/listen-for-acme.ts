import request from 'supertest';
import type { TestApp } from './create-test-app.js';

/** The brand "Acme" and the listening query `acme OR @acme`, created through the api as an admin; returns the brand id. */
export async function listenForAcme(t: TestApp, adminCookie: string): Promise<string> {
  const brand = await request(t.server)
    .post('/api/brands')
    .set('Cookie', adminCookie)
    .send({ name: 'Acme', handles: ['acme'] })
    .expect(201);
  await request(t.server)
    .post('/api/listening-queries')
    .set('Cookie', adminCookie)
    .send({ brandId: brand.body.id, name: 'Acme', query: 'acme OR @acme' })
    .expect(201);
  return brand.body.id as string;
}
