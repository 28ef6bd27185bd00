import type { UserRecord } from './universe.ts';

/**
 * Zendesk API authentication: an API token as Basic `{email}/token:{token}` (the token belongs to the
 * account, the email names the agent acting), or an OAuth access token as `Bearer {token}`.
 * Basic auth with a password is refused (Zendesk has ended it for the API).
 * https://developer.zendesk.com/api-reference/introduction/security-and-auth/
 */

export const ZENDESK_TEST_TOKEN = 'zd-test-token';
export const ZENDESK_OAUTH_TOKEN = 'zd-oauth-token';

export interface AuthDirectory {
  userByEmail(email: string): UserRecord | undefined;
  /** The user an OAuth token acts as (the integration user). */
  oauthUser(): UserRecord | undefined;
}

export interface Credentials {
  apiToken: string;
  oauthToken: string;
}

/** The user a request acts as, or null when Zendesk would answer 401. */
export function authenticate(header: string | undefined, dir: AuthDirectory, creds: Credentials): UserRecord | null {
  if (!header) return null;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!scheme || !value) return null;
  if (scheme.toLowerCase() === 'bearer') return value === creds.oauthToken ? (dir.oauthUser() ?? null) : null;
  if (scheme.toLowerCase() !== 'basic') return null;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const username = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  if (!username.endsWith('/token') || secret !== creds.apiToken) return null;
  const user = dir.userByEmail(username.slice(0, -'/token'.length));
  return user && user.active && user.role !== 'end-user' ? user : null;
}
