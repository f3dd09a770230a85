import { Input } from 'antd';
import type { SearchProps } from 'antd/es/input';
import { useEffect, useRef, useState } from 'react';

export interface AddressSearchProps
  extends Omit<SearchProps, 'value' | 'defaultValue' | 'onSearch' | 'onChange'> {
  /** The filter as the address holds it. */
  value: string;
  /** Enter, the search button or clearing the box: the trimmed text. */
  onFilter(value: string): void;
  /** Also submit when the box loses focus with a changed text. */
  submitOnBlur?: boolean;
}

/**
 * A search box over a filter kept in the address. What is typed stays the box's own: it follows the
 * address only when the address changes from elsewhere (a link, Back), so typing right after Enter
 * is never undone by the page drawing the box again.
 */
export function AddressSearch({ value, onFilter, submitOnBlur, ...props }: AddressSearchProps) {
  const [draft, setDraft] = useState(value);
  const sent = useRef(value);
  useEffect(() => {
    if (value === sent.current) return;
    sent.current = value;
    setDraft(value);
  }, [value]);
  const submit = (text: string) => {
    const trimmed = text.trim();
    sent.current = trimmed;
    onFilter(trimmed);
  };
  return (
    <Input.Search
      {...props}
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
      onSearch={submit}
      {...(submitOnBlur
        ? { onBlur: (event) => event.target.value.trim() !== value && submit(event.target.value) }
        : {})}
    />
  );
}
