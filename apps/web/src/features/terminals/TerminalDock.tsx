import { App, Badge, Button, Flex, Space, Tabs, Tooltip, theme } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ClusterPicker } from './ClusterPicker.tsx';
import { useTerminalDock } from './dock-context.ts';
import { clampHeight } from './dock-state.ts';
import { TerminalTab } from './TerminalTab.tsx';
import { mayBeRunning, statusDot, statusWords, type TabStatus } from './tab-status.ts';
import { terminalsApi } from './terminals-api.ts';

/** Top bar (48) and the dock's own bar and handle, which a maximised dock leaves room for. */
const MAXIMISED = 'calc(100vh - 48px - 46px)';

/**
 * The terminals at the bottom of every page (like an editor's panel): a tab per session with its
 * state as a dot, a handle to drag its height, minimise and maximise. Closing a tab ends its session
 * after a confirmation that names the cluster.
 */
export default function TerminalDock() {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const { modal, message } = App.useApp();
  const dock = useTerminalDock();
  const { tabs, active, view } = dock;
  const [statuses, setStatuses] = useState<Record<string, TabStatus>>({});
  const [picking, setPicking] = useState(false);
  const drag = useRef<{ y: number; height: number }>(undefined);

  const onStatus = useCallback(
    (key: string, status: TabStatus) => setStatuses((current) => ({ ...current, [key]: status })),
    [],
  );

  const close = (key: string) => {
    const tab = tabs.find((entry) => entry.key === key);
    if (!tab) return;
    if (!tab.sessionId || !mayBeRunning(statuses[key])) {
      if (!tab.sessionId) tab.opening?.then((session) => terminalsApi.end(session.id)).catch(() => undefined);
      dock.remove(key);
      return;
    }
    const sessionId = tab.sessionId;
    modal.confirm({
      title: t('terminals.close.title', { cluster: tab.cluster }),
      content: t('terminals.close.text'),
      okText: t('terminals.close.confirm'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await terminalsApi.end(sessionId);
        } catch (error) {
          // Already gone is what was wanted; anything else is said and the tab stays.
          if (!(error instanceof ApiError && error.status === 404)) {
            message.error(
              t('terminals.close.failed', {
                cluster: tab.cluster,
                reason: error instanceof Error ? error.message : String(error),
              }),
            );
            return;
          }
        }
        dock.remove(key);
      },
    });
  };

  const startDrag = (event: React.PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { y: event.clientY, height: view.height };
  };
  const moveDrag = (event: React.PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    const height = clampHeight(drag.current.height + drag.current.y - event.clientY, window.innerHeight);
    dock.setView({ height, maximised: false, minimised: false });
  };

  const height = view.maximised ? MAXIMISED : `${view.height}px`;
  return (
    <section
      data-testid="terminal-dock"
      aria-label={t('terminals.dock.label')}
      style={{
        position: 'sticky',
        bottom: 0,
        zIndex: 20,
        background: token.colorBgContainer,
        borderTop: `1px solid ${token.colorBorder}`,
        boxShadow: token.boxShadowTertiary,
      }}
    >
      <div
        data-testid="terminal-dock-handle"
        title={t('terminals.dock.resize')}
        onPointerDown={startDrag}
        onPointerMove={moveDrag}
        onPointerUp={() => {
          drag.current = undefined;
        }}
        style={{ height: 6, cursor: 'ns-resize', marginTop: -3 }}
      />
      <Flex align="center" style={{ paddingInline: 8 }}>
        <Tabs
          size="small"
          type="editable-card"
          style={{ flex: 1, minWidth: 0, marginBottom: -1 }}
          tabBarStyle={{ margin: 0 }}
          activeKey={active}
          onChange={dock.select}
          locale={{
            addAriaLabel: t('terminals.dock.new'),
            removeAriaLabel: t('terminals.dock.close'),
            dropdownAriaLabel: t('terminals.dock.more'),
          }}
          addIcon={
            <Tooltip title={t('terminals.dock.new')}>
              <span>+</span>
            </Tooltip>
          }
          onEdit={(key, action) => {
            if (action === 'add') setPicking(true);
            else if (typeof key === 'string') close(key);
          }}
          items={tabs.map((tab) => {
            const status = statuses[tab.key] ?? { phase: 'opening' as const };
            return {
              key: tab.key,
              closeIcon: <span title={t('terminals.dock.closeTab', { cluster: tab.cluster })}>×</span>,
              label: (
                <Tooltip title={statusWords(t, status, Date.now())}>
                  <Badge status={statusDot(status)} text={tab.cluster} data-testid="terminal-tab-label" />
                </Tooltip>
              ),
            };
          })}
        />
        <Space size={4} style={{ paddingInlineStart: 8 }}>
          <Button
            size="small"
            type="text"
            aria-label={view.minimised ? t('terminals.dock.restore') : t('terminals.dock.minimise')}
            title={view.minimised ? t('terminals.dock.restore') : t('terminals.dock.minimise')}
            onClick={() => dock.setView({ minimised: !view.minimised })}
          >
            {view.minimised ? '▴' : '▾'}
          </Button>
          <Button
            size="small"
            type="text"
            aria-label={view.maximised ? t('terminals.dock.unmaximise') : t('terminals.dock.maximise')}
            title={view.maximised ? t('terminals.dock.unmaximise') : t('terminals.dock.maximise')}
            onClick={() => dock.setView({ maximised: !view.maximised, minimised: false })}
          >
            {view.maximised ? '❐' : '□'}
          </Button>
        </Space>
      </Flex>
      <div style={{ height, display: view.minimised ? 'none' : 'block' }}>
        {tabs.map((tab) => (
          <TerminalTab
            key={tab.key}
            tab={tab}
            visible={tab.key === active && !view.minimised}
            onStatus={onStatus}
          />
        ))}
      </div>
      {picking && (
        <ClusterPicker
          onPick={(cluster) => {
            setPicking(false);
            dock.open(cluster);
          }}
          onCancel={() => setPicking(false)}
        />
      )}
    </section>
  );
}
