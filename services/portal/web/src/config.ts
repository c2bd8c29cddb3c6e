/** What /config.json says (served by the portal from its environment). */
export interface PortalConfig {
  issuer: string;
  clientId: string;
  scope: string;
  api: Record<string, string>;
}

export async function loadConfig(): Promise<PortalConfig> {
  const res = await fetch('/config.json', { cache: 'no-store' });
  if (!res.ok) throw new Error(`config.json: ${res.status}`);
  return (await res.json()) as PortalConfig;
}
