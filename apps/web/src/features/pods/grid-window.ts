// Which rows of the pods list are rendered: pure arithmetic, tested without a browser.

/** Every row is this tall, so the rows in view follow from the scroll position alone. */
export const ROW_HEIGHT = 32;
/** Rows rendered above and below those in view, so a fast scroll does not show empty space. */
const OVERSCAN = 8;
/**
 * The rendered rows move this many at a time: scrolling renders again every few rows, not every
 * pixel. Four rather than eight halved the page's longest task while scrolling (fewer rows mounted
 * in one go; bench/console/pods-page.ts).
 */
export const BLOCK = 4;

/** The first row of the block in view at a scroll position (px). */
export const blockAt = (scrollTop: number): number =>
  Math.floor(Math.max(0, scrollTop) / ROW_HEIGHT / BLOCK) * BLOCK;

/** The rows to render, [from, to), for a block, the list's height in px and its number of rows. */
export function rowsToRender(block: number, height: number, count: number): { from: number; to: number } {
  const inView = Math.ceil(height / ROW_HEIGHT);
  return {
    from: Math.min(count, Math.max(0, block - OVERSCAN)),
    to: Math.min(count, block + inView + BLOCK + OVERSCAN),
  };
}
