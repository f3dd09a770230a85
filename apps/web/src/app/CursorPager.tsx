import { Button, Select, Space, Typography } from 'antd';
import type { useCursorPages } from './use-search-table.ts';

export interface CursorPagerProps {
  pages: ReturnType<typeof useCursorPages>;
  /** The answer's cursor to the next page; absent on the last. */
  next: string | undefined;
  /** True while the page shown is the previous answer (a new one is coming): Next waits. */
  waiting?: boolean;
  size: number;
  sizes: readonly number[];
  onSize(size: number): void;
  labels: { previous: string; next: string; size(size: number): string; page?: string };
}

/** Previous, Next and the page size of a list the server pages by cursor. */
export function CursorPager({ pages, next, waiting, size, sizes, onSize, labels }: CursorPagerProps) {
  return (
    <Space>
      {labels.page && <Typography.Text type="secondary">{labels.page}</Typography.Text>}
      <Button disabled={pages.page === 0} onClick={pages.previous}>
        {labels.previous}
      </Button>
      <Button disabled={!next || waiting} onClick={() => next && pages.next(next)}>
        {labels.next}
      </Button>
      <Select
        aria-label={labels.size(size)}
        value={size}
        onChange={onSize}
        options={sizes.map((option) => ({ value: option, label: labels.size(option) }))}
      />
    </Space>
  );
}
