/**
 * What a source's sealed credentials are bound to (SecretBox AAD): its workspace, its own id and
 * the origin (scheme, host, port) they are sent to. Moving the ciphertext to another row or
 * workspace, or pointing the row at another origin, makes it fail to open, so stored tokens can
 * never follow a changed base URL (changing the origin requires the credentials again).
 */
export interface SourceCredentialsBinding {
  workspaceId: string;
  sourceId: string;
  baseUrl: string;
}

/** The origin of a base URL (`https://mastodon.social`, `http://127.0.0.1:4101`). */
export function originOf(baseUrl: string): string {
  return new URL(baseUrl).origin;
}

export function sourceCredentialsAad(b: SourceCredentialsBinding): string {
  return JSON.stringify(['source-credentials', b.workspaceId, b.sourceId, originOf(b.baseUrl)]);
}
