import { useState } from 'react';
import { fieldErrors } from '../api.js';

/** A form's submit: busy while it runs, then a confirmation or the error (general and per field). */
export function useCommand() {
  const [state, setState] = useState<{ busy: boolean; error?: string; fields: Record<string, string>; done?: string }>({
    busy: false,
    fields: {},
  });
  const run = async (action: () => Promise<unknown>, done: string): Promise<boolean> => {
    setState({ busy: true, fields: {} });
    try {
      await action();
      setState({ busy: false, fields: {}, done });
      return true;
    } catch (error) {
      const fields = fieldErrors(error);
      setState({ busy: false, fields, error: (error as Error).message });
      return false;
    }
  };
  return { ...state, run };
}
