import { useEffect, useRef, type ReactNode } from 'react';
import './ConfirmPanel.css';

/**
 * "Are you sure?" in the page itself (no window.confirm, which screen magnifier users easily miss): a
 * labelled region that takes focus when it opens, says what will happen, and offers yes and cancel.
 * Escape cancels.
 */
export function ConfirmPanel({
  title,
  children,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      className="bevestig"
      role="region"
      aria-labelledby="bevestig-kop"
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <h2 id="bevestig-kop">{title}</h2>
      {children}
      <div className="acties">
        <button type="button" className="primair" onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Annuleren
        </button>
      </div>
    </div>
  );
}
