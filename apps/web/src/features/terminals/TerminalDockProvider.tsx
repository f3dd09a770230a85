import { lazy, type ReactNode, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type OpenTab, type TerminalDock, TerminalDockContext, useTerminalDock } from './dock-context.ts';
import {
  clampHeight,
  DEFAULT_VIEW,
  type DockView,
  HEIGHT_KEY,
  nextActive,
  readStoredSessions,
  restoredTabs,
  SESSIONS_KEY,
  storedSessions,
} from './dock-state.ts';
import { TabConnection } from './tab-connection.ts';
import { attachUrl, type TerminalSession, terminalsApi } from './terminals-api.ts';

// The dock's code (xterm.js and its add-ons) loads with the first terminal, not with every page.
const loadDock = () => import('./TerminalDock.tsx');
const TerminalDockPanel = lazy(loadDock);

/** The terminal size asked for before the dock is drawn; the first attach sends the real one. */
function estimatedSize(height: number): { cols: number; rows: number } {
  const cols = Math.floor((window.innerWidth - 240) / 7.8);
  const rows = Math.floor((height - 40) / 17);
  return { cols: Math.min(1000, Math.max(10, cols)), rows: Math.min(500, Math.max(5, rows)) };
}

function storedHeight(): number {
  const height = Number(localStorage.getItem(HEIGHT_KEY));
  return height > 0 ? clampHeight(height, window.innerHeight) : DEFAULT_VIEW.height;
}

/**
 * Holds the terminal tabs above the routes, so moving between pages keeps them open, and remembers
 * the open sessions in sessionStorage so a reload of this browser tab re-attaches to them.
 */
export function TerminalDockProvider({ children }: { children: ReactNode }) {
  const [tabs, setTabs] = useState<OpenTab[]>([]);
  const [active, setActive] = useState<string>();
  const [view, setViewState] = useState<DockView>(() => ({ ...DEFAULT_VIEW, height: storedHeight() }));
  const restored = useRef(false);
  const counter = useRef(0);
  // Each session's attach connection, made the moment its id is known; gone with its tab.
  const connections = useRef(new Map<string, TabConnection>());
  const removed = useRef(new Set<string>());

  const connect = useCallback(
    (key: string, session: TerminalSession, size: { cols: number; rows: number }) => {
      const connection = new TabConnection({
        url: attachUrl(session.id),
        replica: () => session.replica,
        initialSize: size,
      });
      connections.current.set(key, connection);
      connection.link.connect();
    },
    [],
  );

  // Signed out (the Shell goes): the connections go; the sessions end by their own timeouts.
  useEffect(() => {
    const open = connections.current;
    return () => {
      for (const connection of open.values()) connection.link.dispose();
      open.clear();
    };
  }, []);

  // After a reload: the sessions this browser tab had open that the server still has.
  useEffect(() => {
    if (restored.current) return;
    restored.current = true;
    const stored = readStoredSessions(sessionStorage.getItem(SESSIONS_KEY));
    if (stored.length === 0) return;
    void loadDock();
    terminalsApi.list().then(
      (open) => {
        const again = restoredTabs(stored, open.items);
        for (const tab of again) {
          const session = open.items.find((item) => item.id === tab.sessionId);
          if (session) connect(tab.key, session, estimatedSize(storedHeight()));
        }
        setTabs((current) => [...again, ...current]);
        setActive((current) => current ?? again[0]?.key);
      },
      () => undefined, // signed out or unreachable: nothing to re-attach to
    );
  }, [connect]);

  useEffect(() => {
    if (restored.current) sessionStorage.setItem(SESSIONS_KEY, storedSessions(tabs));
  }, [tabs]);

  const setView = useCallback((patch: Partial<DockView>) => {
    setViewState((current) => {
      const next = { ...current, ...patch };
      if (patch.height !== undefined) localStorage.setItem(HEIGHT_KEY, String(next.height));
      return next;
    });
  }, []);

  const open = useCallback(
    (cluster: string) => {
      counter.current += 1;
      const key = `tab-${Date.now()}-${counter.current}`;
      const size = estimatedSize(view.height);
      const opening = terminalsApi.open(cluster, size);
      // The socket opens as soon as the session exists, while the dock is still being drawn.
      opening.then(
        (session) => {
          if (removed.current.has(key)) return;
          connect(key, session, size);
          setTabs((current) =>
            current.map((tab) =>
              tab.key === key
                ? { ...tab, sessionId: session.id, replica: session.replica, opening: undefined }
                : tab,
            ),
          );
        },
        () => undefined, // the tab shows the refusal
      );
      setTabs((current) => [...current, { key, cluster, opening }]);
      setActive(key);
      setViewState((current) => ({ ...current, minimised: false }));
    },
    [view.height, connect],
  );

  const dock = useMemo<TerminalDock>(
    () => ({
      tabs,
      active,
      view,
      open,
      select: (key) => {
        setActive(key);
        setViewState((current) => ({ ...current, minimised: false }));
      },
      remove: (key) => {
        removed.current.add(key);
        connections.current.get(key)?.link.dispose();
        connections.current.delete(key);
        setActive((current) => nextActive(tabs, key, current));
        setTabs((current) => current.filter((tab) => tab.key !== key));
      },
      update: (key, patch) =>
        setTabs((current) => current.map((tab) => (tab.key === key ? { ...tab, ...patch } : tab))),
      setView,
      connection: (key) => connections.current.get(key),
      preload: () => void loadDock(),
    }),
    [tabs, active, view, open, setView],
  );

  return <TerminalDockContext.Provider value={dock}>{children}</TerminalDockContext.Provider>;
}

/** Where the Shell puts the dock: under the page, drawn once there is a terminal. */
export function TerminalDockSlot() {
  const dock = useTerminalDock();
  if (dock.tabs.length === 0) return null;
  return (
    <Suspense fallback={null}>
      <TerminalDockPanel />
    </Suspense>
  );
}
