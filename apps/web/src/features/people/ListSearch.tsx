import { Input } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useDebounced } from './list-address.ts';

/**
 * A list's text filter: what is typed goes to `onSearch` once typing pauses (or at once on Enter),
 * and follows `value` when the address changes it (Back, a cleared filter).
 */
export function ListSearch({
  value,
  onSearch,
  placeholder,
  width = 260,
}: {
  value: string;
  onSearch: (text: string) => void;
  placeholder: string;
  width?: number;
}) {
  const [text, setText] = useState(value);
  const sent = useRef(value);
  const settled = useDebounced(text);
  const send = (next: string) => {
    const trimmed = next.trim();
    if (trimmed === sent.current) return;
    sent.current = trimmed;
    onSearch(trimmed);
  };
  useEffect(() => {
    if (value === sent.current) return;
    sent.current = value;
    setText(value);
  }, [value]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a settled text is sent
  useEffect(() => send(settled), [settled]);
  return (
    <Input.Search
      allowClear
      style={{ width }}
      placeholder={placeholder}
      aria-label={placeholder}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onSearch={send}
    />
  );
}
