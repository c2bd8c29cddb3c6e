import type { ReactNode } from 'react';

/** Label/value pairs as a description list. */
export function Details({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="gegevens">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value ?? '-'}</dd>
        </div>
      ))}
    </dl>
  );
}
