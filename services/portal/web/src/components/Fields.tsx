import { useId, type ReactNode } from 'react';

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
    <div className={`veld${error ? ' veld-fout' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p className="fouttekst" id={`${id}-fout`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

const describedBy = (id: string, p: Common) =>
  [p.hint ? `${id}-hint` : '', p.error ? `${id}-fout` : ''].filter(Boolean).join(' ') || undefined;

export function TextField(
  p: Common & { value: string; onChange: (v: string) => void; type?: 'text' | 'date' | 'number' | 'email'; autoComplete?: string },
) {
  const id = useId();
  return (
    <Wrap id={id} {...p}>
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
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

export function SelectField(
  p: Common & { value: string; onChange: (v: string) => void; options: { value: string; label: string }[]; placeholder?: string },
) {
  const id = useId();
  return (
    <Wrap id={id} {...p}>
      <select
        id={id}
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
      <input id={id} name={name} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
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
