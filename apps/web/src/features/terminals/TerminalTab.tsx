import { Button, Dropdown, Flex, Space, Tooltip, Typography, theme } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { copySelection, handleClipboardKeys, pasteInto, useTerminal } from '../pods/use-terminal.ts';
import { type OpenTab, useTerminalDock } from './dock-context.ts';
import { refusalText } from './end-text.ts';
import { TabNotices } from './TabNotices.tsx';
import { TerminalFiles } from './TerminalFiles.tsx';
import { TerminalFind } from './TerminalFind.tsx';
import { mayBeRunning, statusWords, type TabStatus } from './tab-status.ts';
import type { TerminalLink } from './terminal-link.ts';
import { useNow } from './use-now.ts';

/**
 * One terminal of the dock: xterm.js over the session's attach WebSocket, its state in words with what
 * to do about it, copy, paste, find, upload and download. Hidden tabs stay mounted and connected.
 */
export function TerminalTab(props: {
  tab: OpenTab;
  visible: boolean;
  onStatus(key: string, status: TabStatus): void;
}) {
  const { tab, visible } = props;
  const { t } = useI18n();
  const { token } = theme.useToken();
  const dock = useTerminalDock();
  const [ref, parts] = useTerminal(useMemo(() => ({ cursorBlink: true }), []));
  const [status, setStatus] = useState<TabStatus>(
    tab.sessionId ? { phase: 'connecting', attempt: 0 } : { phase: 'opening' },
  );
  const [idleEndsAt, setIdleEndsAt] = useState<number>();
  const [finding, setFinding] = useState(false);
  const link = useRef<TerminalLink>(undefined);
  const onStatus = useRef(props.onStatus);
  onStatus.current = props.onStatus;
  const now = useNow(status.phase === 'reconnecting');

  const report = useRef((next: TabStatus) => {
    setStatus(next);
    onStatus.current(tab.key, next);
  }).current;

  // A refusal to open the session (the dock itself takes the session when it comes).
  useEffect(() => {
    if (tab.sessionId || !tab.opening) return;
    let live = true;
    tab.opening.catch(
      (error: unknown) => live && report({ phase: 'failed', message: refusalText(t, error) }),
    );
    return () => {
      live = false;
    };
  }, [tab.sessionId, tab.opening, report, t]);

  // The dock's connection (already attaching, or attached) shown in this tab's terminal.
  const connection = tab.sessionId ? dock.connection(tab.key) : undefined;
  useEffect(() => {
    if (!parts || !connection) return;
    const { terminal } = parts;
    const attach = connection.link;
    link.current = attach;
    const unbind = connection.bind({
      state: report,
      // The scrollback follows: without clearing, a re-attach would show it twice.
      reset: () => terminal.reset(),
      write: (bytes) => terminal.write(bytes),
      idleWarning: setIdleEndsAt,
      size: () => ({ cols: terminal.cols, rows: terminal.rows }),
    });
    const typed = terminal.onData((data) => attach.input(data));
    const resized = terminal.onResize(({ cols, rows }) => attach.resize(cols, rows));
    handleClipboardKeys(terminal, (event) => {
      if (event.ctrlKey && !event.shiftKey && !event.altKey && event.code === 'KeyF') {
        event.preventDefault();
        setFinding(true);
        return false;
      }
      return true;
    });
    return () => {
      typed.dispose();
      resized.dispose();
      unbind();
      link.current = undefined;
    };
  }, [parts, connection, report]);

  // xterm.js names its input in English: in the reader's language, also after a switch.
  const inputLabel = t('terminals.inputLabel');
  useEffect(() => {
    parts?.terminal.textarea?.setAttribute('aria-label', inputLabel);
  }, [parts, inputLabel]);

  // Once the session is over the terminal is only to read (and copy from): no cursor, no input.
  const over = !mayBeRunning(status);
  useEffect(() => {
    if (!parts) return;
    parts.terminal.options.disableStdin = over;
    parts.terminal.options.cursorBlink = !over;
    parts.terminal.options.cursorInactiveStyle = over ? 'none' : 'outline';
    if (over) parts.terminal.blur();
  }, [parts, over]);

  useEffect(() => {
    if (!visible || !parts) return;
    const frame = requestAnimationFrame(() => parts.terminal.focus());
    return () => cancelAnimationFrame(frame);
  }, [visible, parts]);

  const openNew = () => {
    dock.open(tab.cluster);
    dock.remove(tab.key);
  };
  const running = mayBeRunning(status) && Boolean(tab.sessionId);

  return (
    <Flex
      vertical
      style={{ height: '100%', display: visible ? 'flex' : 'none' }}
      data-testid="terminal-tab"
      data-cluster={tab.cluster}
      data-session={tab.sessionId ?? ''}
      data-state={status.phase}
    >
      <Flex justify="space-between" align="center" gap={8} wrap style={{ padding: '4px 8px' }}>
        <Space size={8}>
          <Typography.Text type="secondary" data-testid="terminal-state">
            {statusWords(t, status, now)}
          </Typography.Text>
          {status.phase === 'reconnecting' && (
            <Tooltip title={t('terminals.reconnecting.help')}>
              <Button size="small" onClick={() => link.current?.connect()}>
                {t('terminals.reconnectNow')}
              </Button>
            </Tooltip>
          )}
        </Space>
        <Space size={4} wrap>
          {finding && parts && (
            <TerminalFind
              parts={parts}
              onClose={() => {
                setFinding(false);
                parts.terminal.focus();
              }}
            />
          )}
          <Tooltip title={t('terminals.copyHelp')}>
            <Button size="small" onClick={() => parts && void copySelection(parts.terminal)}>
              {t('terminals.copy')}
            </Button>
          </Tooltip>
          <Tooltip title={t('terminals.pasteHelp')}>
            <Button
              size="small"
              disabled={status.phase !== 'connected'}
              onClick={() => parts && void pasteInto(parts.terminal)}
            >
              {t('terminals.paste')}
            </Button>
          </Tooltip>
          <Tooltip title={t('terminals.findHelp')}>
            <Button size="small" onClick={() => setFinding((open) => !open)}>
              {t('terminals.find')}
            </Button>
          </Tooltip>
          {tab.sessionId && (
            <TerminalFiles sessionId={tab.sessionId} cluster={tab.cluster} disabled={!running} />
          )}
        </Space>
      </Flex>
      <TabNotices
        cluster={tab.cluster}
        status={status}
        idleEndsAt={idleEndsAt}
        onStay={() => link.current?.stayConnected()}
        onAttachHere={() => link.current?.connect()}
        onOpenNew={openNew}
      />
      {/* The fit addon measures the terminal's parent: the frame's padding sits outside it. */}
      <Dropdown
        trigger={['contextMenu']}
        menu={{
          items: [
            { key: 'copy', label: t('terminals.copy'), extra: 'Ctrl+Shift+C' },
            {
              key: 'paste',
              label: t('terminals.paste'),
              extra: 'Ctrl+Shift+V',
              disabled: status.phase !== 'connected',
            },
            { key: 'find', label: t('terminals.find'), extra: 'Ctrl+F' },
          ],
          onClick: ({ key }) => {
            if (!parts) return;
            if (key === 'copy') void copySelection(parts.terminal);
            else if (key === 'paste') void pasteInto(parts.terminal);
            else setFinding(true);
          },
        }}
      >
        <div style={{ flex: 1, minHeight: 0, padding: '4px 8px', background: token.colorBgContainer }}>
          <div ref={ref} data-testid="terminal-screen" style={{ height: '100%' }} />
        </div>
      </Dropdown>
    </Flex>
  );
}
