/**
 * Alerting in the database (migration 0019): rules, alerts with their timelines, silences. The
 * evaluator and the routes (alerting/rules/) are what the rest of the server uses; times are passed
 * in, never read here.
 */
export type AlertLevel = 'critical' | 'warning' | 'info';

export interface StoredRule {
  name: string;
  /** The rule document (AlertRuleSpec), read whole. */
  spec: unknown;
  /** Made by Portolan (cluster-offline): may be disabled, not deleted. */
  builtIn: boolean;
  createdBy: string;
  updatedBy: string;
  updatedAt: Date;
  /** The evaluator's last round for this rule (RuleStatus), read whole; {} before the first. */
  status: unknown;
}

export interface StoredAlert {
  /** Fingerprint of the rule and the label set. */
  id: string;
  rule: string;
  /** `rule`: an alert rule raised it; `portolan`: Portolan itself (AlertFeed.raise). */
  origin: 'rule' | 'portolan';
  level: AlertLevel;
  labels: Record<string, string>;
  summary: string;
  description: string;
  /**
   * The summary and description as a code and values: a raised alert's (raised-alert-codes.ts), or a
   * template alert's `template.<code>` (alert-template-codes.ts); none for a rule's own words.
   */
  textCode?: string | null;
  textParams?: Record<string, string | number> | null;
  state: 'firing' | 'resolved';
  silencedBy: string | null;
  inhibitedBy: string | null;
  value: number | null;
  startsAt: Date;
  endsAt: Date | null;
  updatedAt: Date;
}

export interface StoredAlertEvent {
  alertId: string;
  at: Date;
  /** pending, firing, silenced, unsilenced, inhibited, uninhibited, notified, notify-failed, resolved */
  event: string;
  detail: string | null;
  /** The detail as a code and values (alert-event-codes.ts, migration 0030); none on older events. */
  detailCode?: string | null;
  detailParams?: Record<string, string | number> | null;
}

export interface SilenceMatcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

export interface StoredSilence {
  id: string;
  matchers: SilenceMatcher[];
  startsAt: Date;
  endsAt: Date;
  comment: string;
  createdBy: string;
  createdAt: Date;
}

export interface AlertingStore {
  rules(): Promise<StoredRule[]>;
  rule(name: string): Promise<StoredRule | undefined>;
  /** Creates or replaces the rule's document (its status is kept); answers whether it was new. */
  saveRule(
    rule: Omit<StoredRule, 'status' | 'createdBy'> & { createdBy?: string },
  ): Promise<{ created: boolean }>;
  /** Creates the rule unless one of that name exists (built-in rules at start, on every replica). */
  ensureRule(rule: Omit<StoredRule, 'status'>): Promise<void>;
  setRuleStatus(name: string, status: unknown): Promise<void>;
  deleteRule(name: string): Promise<boolean>;
  /** Firing alerts, and resolved ones that ended at or after `resolvedSince` (none when absent). */
  alerts(filter?: { resolvedSince?: Date }): Promise<StoredAlert[]>;
  alert(id: string): Promise<StoredAlert | undefined>;
  /** Writes the alerts (insert or replace by id) and appends the events, in one transaction. */
  saveAlerts(alerts: StoredAlert[], events: StoredAlertEvent[]): Promise<void>;
  addEvents(events: StoredAlertEvent[]): Promise<void>;
  /** The alert's timeline, oldest first. */
  events(alertId: string): Promise<StoredAlertEvent[]>;
  silences(): Promise<StoredSilence[]>;
  silence(id: string): Promise<StoredSilence | undefined>;
  createSilence(silence: StoredSilence): Promise<void>;
  /** Moves the silence's end to `at` (when it ends later); answers it as stored, or undefined. */
  expireSilence(id: string, at: Date): Promise<StoredSilence | undefined>;
  /** Resolved alerts that ended, events that happened and silences that ended before `before` go. */
  prune(before: Date): Promise<number>;
}
