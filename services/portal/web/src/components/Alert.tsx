import type { ReactNode } from 'react';

/** A message that is announced: errors assertively (role=alert), confirmations politely (role=status). */
export function Alert({ kind, children }: { kind: 'fout' | 'succes' | 'info'; children: ReactNode }) {
  return (
    <div className={`melding melding-${kind}`} role={kind === 'fout' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
