import type { ReactNode } from 'react';
import { Alert } from './Alert.js';

/** Loading, error or the content: one place for the three states of a fetched page part. */
export function Loading({ loading, error, children }: { loading: boolean; error?: Error; children: () => ReactNode }) {
  if (error) return <Alert kind="fout">{error.message}</Alert>;
  if (loading) return <p aria-live="polite">Bezig met laden...</p>;
  return <>{children()}</>;
}
