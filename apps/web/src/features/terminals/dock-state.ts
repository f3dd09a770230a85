/** One tab of the dock: a terminal on a cluster, its session once the server has opened it. */
export interface DockTab {
  /** The tab's own key (stays while the session id arrives). */
  key: string;
  cluster: string;
  sessionId?: string;
  /** The replica that runs the shell, for the words when another one answers. */
  replica?: string;
}

export interface DockView {
  minimised: boolean;
  maximised: boolean;
  /** Height of the dock's terminal area in px, when neither minimised nor maximised. */
  height: number;
}

export const DEFAULT_VIEW: DockView = { minimised: false, maximised: false, height: 320 };
export const MIN_HEIGHT = 160;

/** sessionStorage: the open sessions of this browser tab, so a reload re-attaches to them. */
export const SESSIONS_KEY = 'portolan.terminals';
/** localStorage: the height the user dragged the dock to. */
export const HEIGHT_KEY = 'portolan.terminal.height';

/** The stored sessions, read defensively: a broken value is nothing stored. */
export function readStoredSessions(text: string | null): { id: string; cluster: string }[] {
  if (!text) return [];
  try {
    const value = JSON.parse(text) as unknown;
    if (!Array.isArray(value)) return [];
    return value.filter(
      (entry): entry is { id: string; cluster: string } =>
        typeof entry?.id === 'string' && typeof entry?.cluster === 'string',
    );
  } catch {
    return [];
  }
}

export function storedSessions(tabs: DockTab[]): string {
  return JSON.stringify(
    tabs.flatMap((tab) => (tab.sessionId ? [{ id: tab.sessionId, cluster: tab.cluster }] : [])),
  );
}

/**
 * The tabs a reload brings back: the stored sessions the server still lists as open, in their order,
 * with the replica it names.
 */
export function restoredTabs(
  stored: { id: string; cluster: string }[],
  open: { id: string; cluster: string; replica: string }[],
): DockTab[] {
  const byId = new Map(open.map((session) => [session.id, session]));
  return stored.flatMap((entry) => {
    const session = byId.get(entry.id);
    return session
      ? [
          {
            key: `restored-${session.id}`,
            cluster: session.cluster,
            sessionId: session.id,
            replica: session.replica,
          },
        ]
      : [];
  });
}

/** The tab to show once `key` is closed: its right-hand neighbour, else the left one. */
export function nextActive(tabs: DockTab[], key: string, active: string | undefined): string | undefined {
  if (active !== key) return active;
  const index = tabs.findIndex((tab) => tab.key === key);
  const rest = tabs.filter((tab) => tab.key !== key);
  return (rest[index] ?? rest[index - 1])?.key;
}

/** A dragged height kept between 160 px and what the window leaves below the top bar. */
export function clampHeight(height: number, windowHeight: number): number {
  return Math.round(Math.max(MIN_HEIGHT, Math.min(height, windowHeight - 120)));
}
