import { useEffect, useId, useState } from 'react';
import { api } from '../api.js';
import { useOrganisationName } from './Organisatie.js';

interface Found {
  id: string;
  name: string;
  code: string;
}

/** Wait this long after the last key before asking the directory: one request per pause in typing. */
const TYPING_PAUSE_MS = 250;

/**
 * Choose an organisation by name, never by typing its code: a search field and the organisation directory's answers
 * (`GET /api/organisations/zoeken`, active organisations of `kind`) as radio buttons, each by name with its code as
 * secondary text. `anyLabel` adds a first choice "every organisation of this kind" (value ''). Keyboard: type, Tab
 * into the list, arrows to choose. `onChange` gets the id ('' for any) and the name.
 */
export function OrganisatieKiezer({
  label,
  kind,
  value,
  onChange,
  anyLabel,
  error,
}: {
  label: string;
  kind: string;
  value: string;
  onChange: (id: string, name: string | null) => void;
  anyLabel?: string;
  error?: string;
}) {
  const id = useId();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<{ items: Found[]; total: number }>();
  const [failed, setFailed] = useState(false);
  // The chosen one's name as the list showed it: `/lookup` would name a W&I department registered on a municipality's code.
  const [picked, setPicked] = useState<Found>();
  const lookedUp = useOrganisationName(value && picked?.id !== value ? value : null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api<{ items: Found[]; total: number }>('organisations', '/zoeken', { query: { q: q.trim(), kind } }).then(
        (answer) => {
          if (!live) return;
          setFound(answer);
          setFailed(false);
        },
        () => live && setFailed(true),
      );
    }, TYPING_PAUSE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, kind]);

  // The chosen organisation stays in the list while another search shows other names.
  const items = found?.items ?? [];
  const chosen = picked?.id === value ? picked : { id: value, name: lookedUp ?? value, code: '' };
  const shown = value && !items.some((o) => o.id === value) ? [chosen, ...items] : items;
  const status = failed
    ? 'De lijst met organisaties kan nu niet worden geladen. Probeer het later opnieuw.'
    : !found
      ? 'Organisaties laden...'
      : found.total === 0
        ? 'Geen organisatie gevonden. Probeer een ander woord.'
        : found.total > found.items.length
          ? `${found.total} organisaties gevonden, de eerste ${found.items.length} staan hieronder. Typ meer van de naam om te kiezen.`
          : `${found.total} ${found.total === 1 ? 'organisatie' : 'organisaties'} gevonden.`;

  return (
    <fieldset className={`veld kiezer${error ? ' veld-fout' : ''}`} aria-describedby={error ? `${id}-fout` : undefined}>
      <legend>{label}</legend>
      <label htmlFor={`${id}-zoek`}>Zoek op naam</label>
      <p className="hint" id={`${id}-hint`}>
        Typ een deel van de naam, bijvoorbeeld de plaats. Kies daarna in de lijst.
      </p>
      <input
        id={`${id}-zoek`}
        type="search"
        value={q}
        autoComplete="off"
        aria-describedby={`${id}-hint ${id}-status`}
        onChange={(e) => setQ(e.target.value)}
      />
      <p className="kiezer-status" id={`${id}-status`} role="status">
        {status}
      </p>
      <div className="kiezer-lijst">
        {anyLabel ? (
          <div className="veld-vinkje">
            <input type="radio" id={`${id}-elke`} name={id} checked={!value} onChange={() => onChange('', null)} />
            <label htmlFor={`${id}-elke`}>{anyLabel}</label>
          </div>
        ) : null}
        {shown.map((o) => (
          <div className="veld-vinkje" key={o.id}>
            <input
              type="radio"
              id={`${id}-${o.id}`}
              name={id}
              checked={value === o.id}
              onChange={() => {
                setPicked(o);
                onChange(o.id, o.name);
              }}
            />
            <label htmlFor={`${id}-${o.id}`}>
              <span className="organisatie">
                {o.name} <span className="organisatie-code">({o.id})</span>
              </span>
            </label>
          </div>
        ))}
      </div>
      {error ? (
        <p className="fouttekst" id={`${id}-fout`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
