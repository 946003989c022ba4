import {
  CategoryOwnerListSchema,
  CategoryOwnerSchema,
  CreatedShareLinkSchema,
  DigestPreviewSchema,
  DigestSendResultSchema,
  NotifyAuthorsResultSchema,
  RootCauseBoardSchema,
  RootCauseDetailSchema,
  ShareLinkListSchema,
  SharedRootCauseBoardSchema,
  type CategoryOwner,
  type CreateShareLinkRequest,
  type CreatedShareLink,
  type DigestPreview,
  type DigestSendRequest,
  type DigestSendResult,
  type NotifyAuthorsRequest,
  type NotifyAuthorsResult,
  type PutCategoryOwnerRequest,
  type RootCauseBoard,
  type RootCauseBoardQuery,
  type RootCauseDetail,
  type SetRootCauseStatusRequest,
  type ShareLink,
  type SharedRootCauseBoard,
} from '@earshot/contracts';
import { http, request } from '../../../shared/http';

const BASE = '/api/root-causes';
const enc = encodeURIComponent;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

/** `?from=…&to=…`, or nothing for the api's default (the last 28 days). */
export function periodQuery(period: RootCauseBoardQuery): string {
  const params = new URLSearchParams();
  if (period.from) params.set('from', period.from);
  if (period.to) params.set('to', period.to);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function getBoard(period: RootCauseBoardQuery, signal?: AbortSignal): Promise<RootCauseBoard> {
  return http.get(`${BASE}${periodQuery(period)}`, RootCauseBoardSchema, withSignal(signal));
}

export function getDetail(category: string, period: RootCauseBoardQuery, signal?: AbortSignal): Promise<RootCauseDetail> {
  return http.get(`${BASE}/${enc(category)}${periodQuery(period)}`, RootCauseDetailSchema, withSignal(signal));
}

/** The answer's body is not needed: the page reads the category again. */
export function setStatus(category: string, body: SetRootCauseStatusRequest): Promise<void> {
  return request('PUT', `${BASE}/${enc(category)}/status`, { body });
}

export async function listOwners(signal?: AbortSignal): Promise<CategoryOwner[]> {
  return (await http.get(`${BASE}/owners`, CategoryOwnerListSchema, withSignal(signal))).items;
}

export function putOwner(category: string, body: PutCategoryOwnerRequest): Promise<CategoryOwner> {
  return request('PUT', `${BASE}/owners/${enc(category)}`, { body, schema: CategoryOwnerSchema });
}

export function deleteOwner(category: string): Promise<void> {
  return http.send('DELETE', `${BASE}/owners/${enc(category)}`);
}

export async function listShareLinks(signal?: AbortSignal): Promise<ShareLink[]> {
  return (await http.get(`${BASE}/share-links`, ShareLinkListSchema, withSignal(signal))).items;
}

export function createShareLink(body: CreateShareLinkRequest): Promise<CreatedShareLink> {
  return http.post(`${BASE}/share-links`, body, CreatedShareLinkSchema);
}

export function revokeShareLink(id: string): Promise<void> {
  return http.send('DELETE', `${BASE}/share-links/${enc(id)}`);
}

export function previewDigest(email: string): Promise<DigestPreview> {
  return http.post(`${BASE}/digest/preview`, { email }, DigestPreviewSchema);
}

export function sendDigest(body: DigestSendRequest): Promise<DigestSendResult> {
  return http.post(`${BASE}/digest/send`, body, DigestSendResultSchema);
}

export function notifyAuthors(category: string, body: NotifyAuthorsRequest): Promise<NotifyAuthorsResult> {
  return http.post(`${BASE}/${enc(category)}/notify`, body, NotifyAuthorsResultSchema);
}

// ---- The owners' share page: no session, the token is the credential. A 401 there is not a signed-out desk user. ----

const SHARE = '/api/share/root-causes';

export function getSharedBoard(token: string, period: RootCauseBoardQuery, signal?: AbortSignal): Promise<SharedRootCauseBoard> {
  return http.get(`${SHARE}/${enc(token)}${periodQuery(period)}`, SharedRootCauseBoardSchema, { ...withSignal(signal), redirectOnUnauthorized: false });
}

export function setSharedStatus(token: string, category: string, body: SetRootCauseStatusRequest): Promise<void> {
  return request('PUT', `${SHARE}/${enc(token)}/status/${enc(category)}`, { body, redirectOnUnauthorized: false });
}
