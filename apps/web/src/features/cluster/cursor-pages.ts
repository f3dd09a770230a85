/** Kept for the pages that import it from here; the hook lives with the shared search table. */
export { useCursorPages } from '../../app/use-search-table.ts';
