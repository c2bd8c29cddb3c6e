import { waardeText, wijzigingen, type CorrectieChanges } from './correctie.js';
import { Gemeente } from './Gemeente.js';

/** One value of a change: a municipality by its CBS name with its code as secondary text, a date in words, else as it came. */
function Waarde({ field, value }: { field: string; value: string | null }) {
  return field === 'municipalityOfResidence' && value ? <Gemeente code={value} /> : <>{waardeText(value)}</>;
}

/**
 * What a school's correction changed, one line per field ("Woongemeente: Amsterdam (GM0363) → Diemen (GM0384)"); "-"
 * for a withdrawal, which changes no field. Used by the school's uitschrijving and the RMC's task.
 */
export function Wijzigingen({ changes }: { changes: CorrectieChanges }) {
  const list = wijzigingen(changes);
  if (!list.length) return <>-</>;
  return (
    <ul className="wijzigingen">
      {list.map((w) => (
        <li key={w.field}>
          {w.label}: <Waarde field={w.field} value={w.from} /> → <Waarde field={w.field} value={w.to} />
        </li>
      ))}
    </ul>
  );
}
