import { useEffect, useId, useState, type ReactNode } from 'react';
import { formatDateField, parseDateField } from './format.js';

interface Common {
  label: string;
  name: string;
  error?: string;
  hint?: string;
  required?: boolean;
}

/** Label, optional hint and error, all tied to the control (for, aria-describedby, aria-invalid). */
function Wrap({ id, label, error, hint, required, children }: Common & { id: string; children: ReactNode }) {
  return (
    <div className={`veld utrecht-form-field utrecht-form-field--text${error ? ' veld-fout utrecht-form-field--invalid' : ''}`}>
      <label htmlFor={id} className="utrecht-form-label">
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p className="hint utrecht-form-field-description" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p className="fouttekst utrecht-form-field-error-message" id={`${id}-fout`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

const describedBy = (id: string, p: Common) =>
  [p.hint ? `${id}-hint` : '', p.error ? `${id}-fout` : ''].filter(Boolean).join(' ') || undefined;

export function TextField(
  p: Common & { value: string; onChange: (v: string) => void; type?: 'text' | 'number' | 'email'; autoComplete?: string },
) {
  const id = useId();
  return (
    <Wrap id={id} {...p}>
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        className={`utrecht-textbox utrecht-textbox--html-input${p.error ? ' utrecht-textbox--invalid' : ''}`}
        value={p.value}
        required={p.required}
        autoComplete={p.autoComplete ?? 'off'}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(id, p)}
        onChange={(e) => p.onChange(e.target.value)}
      />
    </Wrap>
  );
}

/**
 * A calendar date typed the Dutch way (`dd-mm-jjjj`), whatever the browser's locale: a text field, not the browser's
 * date picker (which follows the device's locale, `mm/dd/yyyy` on an English one). `value` and `onChange` speak
 * YYYY-MM-DD ('' for none); text that is no date is passed on as typed (the service refuses it, naming the field)
 * and explained next to the field when it loses focus.
 */
export function DateField(p: Common & { value: string; onChange: (v: string) => void }) {
  const id = useId();
  const [text, setText] = useState(() => formatDateField(p.value));
  const [shown, setShown] = useState<string>();
  // A new value from outside (a reset, a default) replaces the text unless it is what the text already means.
  useEffect(() => {
    const parsed = parseDateField(text);
    if (!(parsed.ok && parsed.date === p.value) && text !== p.value) setText(formatDateField(p.value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [p.value]);
  const hint = p.hint ? `${p.hint}. Typ dd-mm-jjjj` : 'Typ dd-mm-jjjj, bijvoorbeeld 04-12-2026';
  const error = p.error ?? shown;
  const all = { ...p, hint, error };
  return (
    <Wrap id={id} {...all}>
      <input
        id={id}
        name={p.name}
        type="text"
        inputMode="numeric"
        className={`datumveld utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}`}
        value={text}
        required={p.required}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, all)}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parseDateField(e.target.value);
          if (parsed.ok) setShown(undefined);
          p.onChange(parsed.ok ? parsed.date : e.target.value);
        }}
        onBlur={() => {
          const parsed = parseDateField(text);
          setShown(parsed.ok ? undefined : parsed.reason);
          if (parsed.ok && parsed.date) setText(formatDateField(parsed.date));
        }}
      />
    </Wrap>
  );
}

export function SelectField(
  p: Common & { value: string; onChange: (v: string) => void; options: { value: string; label: string }[]; placeholder?: string },
) {
  const id = useId();
  return (
    <Wrap id={id} {...p}>
      <select
        id={id}
        className={`utrecht-select utrecht-select--html-select${p.error ? ' utrecht-select--invalid' : ''}`}
        name={p.name}
        value={p.value}
        required={p.required}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(id, p)}
        onChange={(e) => p.onChange(e.target.value)}
      >
        {p.placeholder !== undefined ? <option value="">{p.placeholder}</option> : null}
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrap>
  );
}

export function CheckboxField({
  label,
  name,
  checked,
  onChange,
}: {
  label: string;
  name: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="veld veld-vinkje">
      <input
        id={id}
        name={name}
        type="checkbox"
        className="utrecht-checkbox utrecht-checkbox--html-input"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id} className="utrecht-form-label utrecht-form-label--checkbox">
        {label}
      </label>
    </div>
  );
}

/** Options from a list of codes, with Dutch labels where known ('betaald-werk' -> 'Betaald werk'). */
export function options(values: readonly string[], labels: Record<string, string> = {}): { value: string; label: string }[] {
  return values.map((v) => ({ value: v, label: labels[v] ?? sentence(v) }));
}

export function sentence(code: string): string {
  const s = code.replace(/-/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
