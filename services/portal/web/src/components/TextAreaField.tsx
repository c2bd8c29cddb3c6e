import { useId } from 'react';

/**
 * Free text with its limit in view: label, optional hint, a live character count ("12 van 4000 tekens") and the
 * error, all tied to the textarea (for, aria-describedby, aria-invalid). The limit is the service's; typing beyond it
 * is allowed so the service's own 400 names the field and the limit.
 */
export function TextAreaField(p: {
  label: string;
  name: string;
  value: string;
  onChange: (v: string) => void;
  maxLength: number;
  hint?: string;
  error?: string;
  required?: boolean;
  rows?: number;
}) {
  const id = useId();
  const over = p.value.length > p.maxLength;
  const describedBy = [p.hint ? `${id}-hint` : '', `${id}-teller`, p.error ? `${id}-fout` : ''].filter(Boolean).join(' ');
  return (
    <div className={`veld${p.error ? ' veld-fout' : ''}`}>
      <label htmlFor={id}>
        {p.label}
        {p.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {p.hint ? (
        <p className="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      <textarea
        id={id}
        name={p.name}
        rows={p.rows ?? 3}
        value={p.value}
        required={p.required}
        aria-invalid={p.error || over ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => p.onChange(e.target.value)}
      />
      <p className={over ? 'fouttekst' : 'hint'} id={`${id}-teller`}>
        {p.value.length} van {p.maxLength} tekens{over ? `: ${p.value.length - p.maxLength} te veel` : ''}
      </p>
      {p.error ? (
        <p className="fouttekst" id={`${id}-fout`}>
          {p.error}
        </p>
      ) : null}
    </div>
  );
}
