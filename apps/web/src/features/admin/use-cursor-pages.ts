import { useCallback, useEffect, useState } from 'react';

/**
 * Keyset paging as the API pages (`?cursor=` from the previous answer's `nextCursor`): the cursors of the pages
 * seen so far, so "previous" goes back exactly. Starts over when the filters change.
 */
export function useCursorPages(filtersKey: string) {
  const [stack, setStack] = useState<(string | undefined)[]>([undefined]);
  useEffect(() => setStack([undefined]), [filtersKey]);
  const cursor = stack[stack.length - 1];
  const next = useCallback((nextCursor: string | null | undefined) => {
    if (nextCursor) setStack((s) => [...s, nextCursor]);
  }, []);
  const previous = useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), []);
  return { cursor, page: stack.length, next, previous, hasPrevious: stack.length > 1 };
}
