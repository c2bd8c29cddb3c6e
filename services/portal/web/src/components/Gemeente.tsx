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

/** A municipality as people read it: "Amsterdam (GM0363)"; the code alone while unknown. */
export function Gemeente({ code }: { code: string | null | undefined }) {
  const [name, setName] = useState<{ code: string; name: string | null }>();
  useEffect(() => {
    if (!code) return;
    let live = true;
    void municipalityName(code).then((n) => live && setName({ code, name: n }));
    return () => {
      live = false;
    };
  }, [code]);
  if (!code) return <>-</>;
  const found = name?.code === code ? name.name : null;
  return found ? (
    <span className="organisatie">
      {found} <span className="organisatie-code">({code})</span>
    </span>
  ) : (
    <span className="organisatie-code">{code}</span>
  );
}
