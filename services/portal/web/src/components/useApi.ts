import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api.js';

/** Loads once per change of `deps`; `reload` after a command. Errors are kept as ApiError for the page to show. */
export function useApi<T>(
  load: () => Promise<T>,
  deps: unknown[],
): { data?: T; error?: ApiError | Error; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data?: T; error?: ApiError | Error; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: Error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
