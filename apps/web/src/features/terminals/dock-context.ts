import type { TerminalSession } from '@portolan/api';
import { createContext, useContext } from 'react';
import type { DockTab, DockView } from './dock-state.ts';
import type { TabConnection } from './tab-connection.ts';

/** A tab as the dock holds it: while the server opens the session, the request's answer to come. */
export interface OpenTab extends DockTab {
  opening?: Promise<TerminalSession>;
}

/** The terminal dock, for the Shell, the cluster page's and the top bar's "Terminal" buttons. */
export interface TerminalDock {
  tabs: OpenTab[];
  active: string | undefined;
  view: DockView;
  /** A new terminal on the cluster: the tab and the request to open it start at once. */
  open(cluster: string): void;
  select(key: string): void;
  /** The tab goes (its session ended or was ended). */
  remove(key: string): void;
  update(key: string, patch: Partial<OpenTab>): void;
  setView(patch: Partial<DockView>): void;
  /** The tab's attach connection, there as soon as its session is (before its terminal is drawn). */
  connection(key: string): TabConnection | undefined;
  /** Loads the dock's code ahead of a click (on hover), so the prompt comes sooner. */
  preload(): void;
}

export const TerminalDockContext = createContext<TerminalDock | undefined>(undefined);

export function useTerminalDock(): TerminalDock {
  const dock = useContext(TerminalDockContext);
  if (!dock) throw new Error('useTerminalDock outside TerminalDockProvider');
  return dock;
}
