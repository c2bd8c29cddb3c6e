import { api } from '../api.js';

/** One lookup per moment: ids asked within this window go to the directory together. */
const BATCH_WINDOW_MS = 10;
const BATCH_SIZE = 100;

const names = new Map<string, Promise<string | null>>();
/** Answers already in, so a component mounted later shows the name at once (no jump in the layout). */
const resolved = new Map<string, string | null>();
let queued = new Map<string, (name: string | null) => void>();
let timer: ReturnType<typeof setTimeout> | undefined;

/**
 * The name of an organisation id from the organisation directory (`/api/organisations/lookup`), or null when it
 * does not know it or cannot be asked. Ids asked at about the same moment go in one request; a known name is
 * kept for the page's life, a failure is not (the next page asks again).
 */
export function organisationName(id: string): Promise<string | null> {
  const known = names.get(id);
  if (known) return known;
  const pending = new Promise<string | null>((resolve) => queued.set(id, resolve));
  names.set(id, pending);
  timer ??= setTimeout(flush, BATCH_WINDOW_MS);
  return pending;
}

async function flush(): Promise<void> {
  const batch = queued;
  queued = new Map();
  timer = undefined;
  const ids = [...batch.keys()];
  for (let i = 0; i < ids.length; i += BATCH_SIZE) {
    const chunk = ids.slice(i, i + BATCH_SIZE);
    try {
      const answer = await api<{ items: { id: string; name: string }[] }>('organisations', '/lookup', { query: { ids: chunk.join(',') } });
      const found = new Map(answer.items.map((o) => [o.id, o.name]));
      for (const id of chunk) {
        resolved.set(id, found.get(id) ?? null);
        batch.get(id)!(found.get(id) ?? null);
      }
    } catch {
      for (const id of chunk) {
        names.delete(id);
        batch.get(id)!(null);
      }
    }
  }
}

/** The name when the directory has answered for this id already (undefined: not yet asked or still on its way). */
export const knownOrganisationName = (id: string): string | null | undefined => resolved.get(id);
