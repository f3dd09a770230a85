import { useState } from 'react';

/**
 * Pages of a search answered by cursor (`continue`): the cursors of the pages already seen are kept,
 * so Previous goes back exactly and Next asks for the page after. A change of filter or sort starts
 * again from the first page.
 */
export function useCursorPages(filterKey: string) {
  const [state, setState] = useState<{ key: string; cursors: (string | undefined)[] }>({
    key: filterKey,
    cursors: [undefined],
  });
  const cursors = state.key === filterKey ? state.cursors : [undefined];
  const page = cursors.length - 1;
  return {
    /** 0-based. */
    page,
    cursor: cursors[page],
    next: (cursor: string) => setState({ key: filterKey, cursors: [...cursors, cursor] }),
    previous: () => setState({ key: filterKey, cursors: cursors.slice(0, Math.max(1, page)) }),
  };
}
