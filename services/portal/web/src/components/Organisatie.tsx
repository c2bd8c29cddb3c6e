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
