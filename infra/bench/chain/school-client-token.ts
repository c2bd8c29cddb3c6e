import { readFileSync } from 'node:fs';

/**
 * An access token for the demo school system `school-25xy` (OAuth client credentials at `<issuer>/token`), with the
 * secret the platform's identity provider wrote to its state file (`identityStateFile`). Throws with the status when
 * the provider refuses.
 */
export async function schoolClientToken(issuer: string, stateFile: string): Promise<string> {
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { clientSecrets: Record<string, string> };
  const res = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`school-25xy:${state.clientSecrets['school-25xy']}`).toString('base64')}`,
    },
    body: 'grant_type=client_credentials',
  });
  if (!res.ok) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}
