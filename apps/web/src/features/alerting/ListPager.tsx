import { Flex } from 'antd';
import { type CSSProperties, useState } from 'react';
import { CursorPager } from '../../app/CursorPager.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useCursorPages } from '../../app/use-search-table.ts';

/**
 * A list the server pages by cursor: the page size chosen (`initial` of `sizes` at first) and the
 * pages seen, starting again from the first when `filters` or the size change.
 */
export function usePager(sizes: readonly number[], initial: number, filters: unknown) {
  const [size, setSize] = useState(initial);
  const pages = useCursorPages(JSON.stringify([filters, size]));
  return { sizes, size, setSize, pages, cursor: pages.cursor };
}

/** The page number, Previous, Next and the page size, at the right under a list paged by cursor. */
export function ListPager(props: {
  pager: ReturnType<typeof usePager>;
  /** The answer's cursor to the next page; absent on the last. */
  next: string | undefined;
  /** True while the page shown is the previous answer: Next waits. */
  waiting: boolean;
  style?: CSSProperties;
}) {
  const { t } = useI18n();
  const { pages, size, sizes, setSize } = props.pager;
  return (
    <Flex justify="flex-end" style={props.style}>
      <CursorPager
        pages={pages}
        next={props.next}
        waiting={props.waiting}
        size={size}
        sizes={sizes}
        onSize={setSize}
        labels={{
          previous: t('alerting.previous'),
          next: t('alerting.next'),
          size: (count) => t('alerting.perPage', { count }),
          page: t('alerting.page', { page: pages.page + 1 }),
        }}
      />
    </Flex>
  );
}
