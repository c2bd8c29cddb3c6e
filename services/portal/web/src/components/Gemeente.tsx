import { useEffect, useState } from 'react';
import { api } from '../api.js';

const names = new Map<string, Promise<string | null>>();

/**
 * A municipality's CBS name by its code, from the organisation directory's built-in CBS list (`/zoeken?kind=gemeente`):
 * not `/lookup`, which gives a W&I department registered on the same code. Kept for the page's life; null when unknown.
 */
function municipalityName(code: string): Promise<string | null> {
  let known = names.get(code);
  if (!known) {
    known = api<{ items: { code: string; name: string }[] }>('organisations', '/zoeken', { query: { q: code, kind: 'gemeente' } }).then(
      (answer) => answer.items.find((o) => o.code === code)?.name ?? null,
      () => {
        names.delete(code);
        return null;
      },
    );
    names.set(code, known);
  }
  return known;
}

/** A municipality's CBS name: the one the API gave next to the code (`municipalityName`), else the directory's; null while unknown. */
export function useMunicipalityName(code: string | null | undefined, given?: string | null): string | null {
  const [looked, setLooked] = useState<{ code: string; name: string | null }>();
  useEffect(() => {
    if (!code || given) return;
    let live = true;
    void municipalityName(code).then((n) => live && setLooked({ code, name: n }));
    return () => {
      live = false;
    };
  }, [code, given]);
  return given ?? (looked && looked.code === code ? looked.name : null);
}

/** A municipality as people read it: "Amsterdam (GM0363)"; the code alone while unknown. `name`: the API's name, if it gave one. */
export function Gemeente({ code, name }: { code: string | null | undefined; name?: string | null }) {
  const found = useMunicipalityName(code, name);
  if (!code) return <>-</>;
  return found ? (
    <span className="organisatie">
      {found} <span className="organisatie-code">({code})</span>
    </span>
  ) : (
    <span className="organisatie-code">{code}</span>
  );
}

/** A municipality's name alone, for running and screen-reader text ("Open taak van 4 december 2026, Amsterdam"); the code while unknown. */
export function GemeenteNaam({ code, name }: { code: string; name?: string | null }) {
  const found = useMunicipalityName(code, name);
  return found ? <>{found}</> : <span className="organisatie-code">{code}</span>;
}
