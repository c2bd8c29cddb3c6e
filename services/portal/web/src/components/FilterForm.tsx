import type { ReactNode } from 'react';

/** A list's filter form: the fields are drafts until the user submits, then onApply takes them over. */
export function FilterForm({ label, onApply, children }: { label: string; onApply: () => void; children: ReactNode }) {
  return (
    <form
      className="filters"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        onApply();
      }}
    >
      {children}
    </form>
  );
}
