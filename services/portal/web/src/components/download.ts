import { ApiError } from '../api.js';
import { currentSession } from '../auth/oidc.js';

/**
 * Saves what /api/<service><path> answers as a file named `filename`: fetched with the bearer token in the
 * Authorization header, then offered as a blob download. The token never goes into a URL (history, logs, referrers).
 * Errors: anything but 2xx is an ApiError (as api()).
 */
export async function downloadFile(service: string, path: string, filename: string): Promise<void> {
  const session = currentSession();
  const res = await fetch(`/api/${service}${path}`, {
    headers: session ? { authorization: `Bearer ${session.accessToken}` } : {},
  });
  if (!res.ok) throw new ApiError(res.status, `Downloaden lukte niet (${res.status}).`, undefined);
  saveBlob(await res.blob(), filename);
}

/** Offers `blob` as a download named `filename` (an object URL on a temporary link, released afterwards). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
