import { Button, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { type TerminalParts, useTerminalFind } from '../pods/use-terminal.ts';

/** Find in a terminal's output: Enter for the next match, Shift+Enter the previous, Escape to close. */
export function TerminalFind({ parts, onClose }: { parts: TerminalParts; onClose(): void }) {
  const { t, format } = useI18n();
  const [text, setText] = useState('');
  const { matches, find } = useTerminalFind(parts);
  const close = () => {
    find('');
    onClose();
  };
  return (
    <Space size={4}>
      <Space.Compact size="small">
        <Input
          autoFocus
          allowClear
          size="small"
          style={{ width: 180 }}
          placeholder={t('terminals.findPlaceholder')}
          aria-label={t('terminals.findPlaceholder')}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            find(event.target.value);
          }}
          onPressEnter={(event) => find(text, event.shiftKey)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') close();
          }}
        />
        <Button size="small" aria-label={t('terminals.findPrevious')} onClick={() => find(text, true)}>
          ↑
        </Button>
        <Button size="small" aria-label={t('terminals.findNext')} onClick={() => find(text)}>
          ↓
        </Button>
      </Space.Compact>
      {matches && text && (
        <Typography.Text type="secondary">
          {matches.count === 0
            ? t('terminals.findNone')
            : t('terminals.findCount', { index: matches.index + 1, count: format.number(matches.count) })}
        </Typography.Text>
      )}
    </Space>
  );
}
