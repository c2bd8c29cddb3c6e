import { useEffect, useState } from 'react';
import { knownOrganisationName, organisationName } from './organisation-names.js';

/**
 * An organisation as people read it: its name, with its code as secondary text ("Demo College brin:25XY").
 * `name` is the name the API already gave next to the id (toName, fromName, schoolName); without it the
 * organisation directory is asked. Unknown, or the directory unreachable: the code alone.
 */
export function Organisatie({ id, name }: { id: string | null | undefined; name?: string | null }) {
  const looked = useOrganisationName(id, name);
  if (!id) return <>-</>;
  if (!looked) return <span className="organisatie-code">{id}</span>;
  return (
    <span className="organisatie">
      {looked} <span className="organisatie-code">({id})</span>
    </span>
  );
}

/**
 * An organisation's name alone, for running text and for the words a screen reader hears after a button or link
 * ("Open verwijzing van Demo College"): the name given, else the directory's; the code (as secondary text) while unknown.
 */
export function OrganisatieNaam({ id, name }: { id: string; name?: string | null }) {
  const looked = useOrganisationName(id, name);
  return looked ? <>{looked}</> : <span className="organisatie-code">{id}</span>;
}

/**
 * The names of several ids at once (a chart's legend): id -> name, null when the directory does not know it; an id is
 * missing until the directory answered. One batched lookup (organisation-names.ts).
 */
export function useOrganisationNames(ids: readonly string[]): ReadonlyMap<string, string | null> {
  const key = [...new Set(ids)].sort().join(' ');
  const [names, setNames] = useState<ReadonlyMap<string, string | null>>(new Map());
  useEffect(() => {
    let live = true;
    const wanted = key ? key.split(' ') : [];
    void Promise.all(wanted.map(async (id) => [id, await organisationName(id)] as const)).then((pairs) => live && setNames(new Map(pairs)));
    return () => {
      live = false;
    };
  }, [key]);
  return names;
}

/** The name for an id: the one given, else the directory's (null until it answers, and when it does not know the id). */
export function useOrganisationName(id: string | null | undefined, given?: string | null): string | null {
  const [looked, setLooked] = useState<{ id: string; name: string | null } | undefined>();
  const known = id ? knownOrganisationName(id) : undefined;
  useEffect(() => {
    if (given || !id || known !== undefined) return;
    let live = true;
    void organisationName(id).then((name) => live && setLooked({ id, name }));
    return () => {
      live = false;
    };
  }, [id, given, known]);
  return given ?? known ?? (looked && looked.id === id ? looked.name : null);
}
