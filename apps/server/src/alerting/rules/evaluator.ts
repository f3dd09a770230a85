import { type AlertRuleClusterState, alertEventDetail, alertRuleReason } from '@portolan/api';
import type { AuditEvent } from '#server/audit/audit-log.ts';
import {
  type MetricsEngine,
  MetricsEngineUnavailableError,
  type MetricsSource,
  PromqlError,
} from '#server/monitoring/contract.ts';
import type {
  AlertingStore,
  StoredAlert,
  StoredAlertEvent,
  StoredRule,
} from '#server/store/alerting/alerting-store.ts';
import type { Clock } from '#server/time/clock.ts';
import { holdEvents } from './hold-events.ts';
import { fillPlaceholders, fingerprint } from './labels.ts';
import { forMsOf, forTextOf, metricNamesOf, paramsOf, wordsOf } from './rule-spec.ts';
import { coveredClusters, enabled, type RuleStatus, specOf } from './rule-status.ts';
import { silenceFor } from './silence-matchers.ts';
import { refreshedText, templateAlertText } from './template-text.ts';
import { type ClusterFact, type Finding, templateById } from './templates.ts';

export interface EvaluatorDeps {
  store: AlertingStore;
  /** The registered clusters as Portolan sees them now. */
  clusters: () => Promise<ClusterFact[]>;
  /** The metrics engine, when one runs. */
  engine: () => MetricsEngine | undefined;
  audit?: { record(event: AuditEvent): Promise<void> };
  clock: Clock;
  log: { warn(fields: object, message: string): void };
  /** Told after a round that changed an alert. */
  onChanged: () => void;
}

/** What one rule wants for one cluster this round. */
interface Outcome {
  state: AlertRuleClusterState;
  /** Undefined: the round could not tell (engine down, query failed, cluster offline); its alerts keep their state. */
  findings?: Finding[];
}

interface Candidate {
  rule: StoredRule;
  finding: Finding;
}

/** Clusters and rules evaluated at once. */
const CONCURRENCY = 8;

/**
 * Rounds of alert evaluation (one replica runs them, as the `alert-evaluator` job): every enabled
 * rule on every cluster it covers, only where its source metrics exist; `for` through a pending
 * state; then silences and inhibition over every firing alert. Only what changed is written.
 */
export function createEvaluator(deps: EvaluatorDeps) {
  /** Since when each not-yet-firing alert has been found (its `for` counts from there). */
  const pending = new Map<string, Date>();

  async function evaluate(
    rule: StoredRule,
    cluster: ClusterFact,
    now: Date,
    memo: QueryMemo,
  ): Promise<Outcome> {
    const spec = specOf(rule);
    const base = { cluster: cluster.name };
    const template = spec.template ? templateById(spec.template) : undefined;
    if (template?.portolan)
      return {
        state: { ...base, state: 'active' },
        findings: template.portolan(cluster, paramsOf(template, spec), now),
      };
    if (cluster.status === 'Offline')
      return {
        state: {
          ...base,
          state: 'active',
          ...alertRuleReason('cluster-offline', { cluster: cluster.name }),
        },
      };
    const engine = deps.engine();
    if (!engine)
      return {
        state: {
          ...base,
          state: 'engine-unavailable',
          ...alertRuleReason('no-engine'),
        },
      };
    const sources = template ? template.sources : metricNamesOf(spec.promql ?? '');
    try {
      const source = engine.sourceFor(cluster.name);
      const names = await source.metricNames(cluster.name);
      const missing = sources.filter((name) => !names.has(name));
      // Template rules need every source; a custom rule the metrics it names (at least one must exist).
      if (missing.length > 0)
        return {
          state: {
            ...base,
            state: 'source-missing',
            missing,
            ...alertRuleReason('source-missing', { cluster: cluster.name, missing: missing.join(', ') }),
          },
          findings: [],
        };
      const promql = template?.promql
        ? template.promql(
            {
              cluster: cluster.name,
              ...(spec.scope?.namespaces ? { namespaces: spec.scope.namespaces } : {}),
            },
            paramsOf(template, spec),
          )
        : (spec.promql ?? '');
      const samples = await memo(source, promql);
      const findings = samples
        .map((sample) => {
          const { __name__: _name, ...labels } = sample.labels;
          if (labels.cluster === undefined && source.kind === 'external') labels.cluster = cluster.name;
          return { labels, value: sample.value };
        })
        .filter((finding) => finding.labels.cluster === cluster.name)
        .filter(
          (finding) =>
            !spec.scope?.namespaces ||
            (finding.labels.namespace !== undefined &&
              spec.scope.namespaces.includes(finding.labels.namespace)),
        );
      return { state: { ...base, state: 'active' }, findings };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      if (error instanceof MetricsEngineUnavailableError)
        return {
          state: {
            ...base,
            state: 'engine-unavailable',
            ...alertRuleReason('engine-unavailable', { detail }),
          },
        };
      return {
        state: {
          ...base,
          state: 'error',
          ...alertRuleReason(error instanceof PromqlError ? 'query-refused' : 'error', { detail }),
        },
      };
    }
  }

  async function round(): Promise<{ changed: number }> {
    const started = deps.clock();
    const [rules, clusters, firing, silences] = await Promise.all([
      deps.store.rules(),
      deps.clusters(),
      deps.store.alerts(),
      deps.store.silences(),
    ]);
    const registered = clusters.map((cluster) => cluster.name);
    const candidates = new Map<string, Candidate>();
    /** rule|cluster pairs whose alerts keep their state this round. */
    const undecided = new Set<string>();
    const memo = queryMemo();
    const statuses = new Map<string, RuleStatus>();
    const work: Array<() => Promise<void>> = [];
    for (const rule of rules) {
      const spec = specOf(rule);
      if (!enabled(spec)) {
        statuses.set(rule.name, { clusters: [] });
        continue;
      }
      const status: RuleStatus = { clusters: [] };
      statuses.set(rule.name, status);
      for (const name of coveredClusters(spec, registered)) {
        const cluster = clusters.find((c) => c.name === name) as ClusterFact;
        work.push(async () => {
          const outcome = await evaluate(rule, cluster, started, memo);
          status.clusters?.push(outcome.state);
          if (!outcome.findings) {
            undecided.add(`${rule.name}|${name}`);
            return;
          }
          for (const finding of outcome.findings) {
            const labels = { ...finding.labels, ...(spec.labels ?? {}), cluster: name };
            candidates.set(fingerprint(rule.name, labels), { rule, finding: { ...finding, labels } });
          }
        });
      }
    }
    await runLimited(work, CONCURRENCY);

    const now = deps.clock();
    const byId = new Map(firing.map((alert) => [alert.id, alert]));
    const ruleByName = new Map(rules.map((rule) => [rule.name, rule]));
    const writes = new Map<string, StoredAlert>();
    const events: StoredAlertEvent[] = [];
    const audits: AuditEvent[] = [];

    // Found: fire once `for` has passed (pending until then); already firing stays firing.
    for (const [id, { rule, finding }] of candidates) {
      const spec = specOf(rule);
      const words = wordsOf(spec, rule.name);
      const summary = fillPlaceholders(words.summary, finding.labels, finding.value);
      const existing = byId.get(id);
      if (existing) {
        if (existing.summary !== summary || existing.level !== words.level)
          writes.set(id, {
            ...existing,
            summary,
            ...refreshedText(existing, spec, finding),
            level: words.level,
            value: finding.value,
            updatedAt: now,
          });
        continue;
      }
      const since = pending.get(id) ?? now;
      if (!pending.has(id)) pending.set(id, since);
      if (now.getTime() - since.getTime() < forMsOf(spec)) continue;
      pending.delete(id);
      const description = [fillPlaceholders(words.description, finding.labels, finding.value), finding.detail]
        .filter(Boolean)
        .join(' ');
      const text = templateAlertText(spec, finding);
      const alert: StoredAlert = {
        id,
        rule: rule.name,
        origin: 'rule',
        level: words.level,
        labels: finding.labels,
        summary,
        description,
        ...(text ?? {}),
        state: 'firing',
        silencedBy: null,
        inhibitedBy: null,
        value: finding.value,
        startsAt: now,
        endsAt: null,
        updatedAt: now,
      };
      writes.set(id, alert);
      byId.set(id, alert);
      if (since.getTime() < now.getTime())
        events.push({
          alertId: id,
          at: since,
          event: 'pending',
          ...alertEventDetail('condition-held', { for: forTextOf(spec) }),
        });
      events.push({
        alertId: id,
        at: now,
        event: 'firing',
        ...alertEventDetail('value', { value: finding.value }),
      });
      audits.push(auditOf(alert, 'alert.firing'));
    }
    for (const id of pending.keys()) if (!candidates.has(id)) pending.delete(id);

    // No longer found where the round could tell, or the rule is gone, disabled or no longer covers it.
    for (const alert of firing) {
      if (alert.origin !== 'rule' || candidates.has(alert.id)) continue;
      const cluster = alert.labels.cluster ?? '';
      const rule = ruleByName.get(alert.rule);
      const covered =
        rule && enabled(specOf(rule)) && coveredClusters(specOf(rule), registered).includes(cluster);
      if (covered && undecided.has(`${alert.rule}|${cluster}`)) continue;
      const resolved = { ...alert, state: 'resolved' as const, endsAt: now, updatedAt: now };
      writes.set(alert.id, resolved);
      byId.set(alert.id, resolved);
      const why = alertEventDetail(!rule ? 'rule-removed' : !covered ? 'rule-uncovered' : 'condition-gone');
      events.push({ alertId: alert.id, at: now, event: 'resolved', ...why });
      audits.push(auditOf(resolved, 'alert.resolved', why.detail));
    }

    // Held back: by an active silence, or by its cluster's firing cluster-offline alert.
    const active = [...byId.values()].filter((alert) => alert.state === 'firing');
    const offline = offlineAlerts(active, ruleByName);
    for (const alert of active) {
      const silence = silenceFor(alert, silences, now);
      const inhibitor = offline.get(alert.labels.cluster ?? '');
      const inhibitedBy =
        inhibitor && inhibitor.id !== alert.id && !isOfflineAlert(alert, ruleByName) ? inhibitor.id : null;
      const silencedBy = silence?.id ?? null;
      if (silencedBy === alert.silencedBy && inhibitedBy === alert.inhibitedBy) continue;
      const held = holdEvents(alert, { silencedBy, inhibitedBy }, silences, now);
      events.push(...held);
      for (const event of held)
        audits.push(auditOf(alert, `alert.${event.event}`, event.detail ?? undefined));
      writes.set(alert.id, { ...(writes.get(alert.id) ?? alert), silencedBy, inhibitedBy, updatedAt: now });
    }

    await deps.store.saveAlerts([...writes.values()], events);
    const elapsed = deps.clock().getTime() - started.getTime();
    await Promise.all(
      [...statuses].map(([name, status]) => {
        const errors = (status.clusters ?? []).filter((c) => c.state === 'error');
        return deps.store.setRuleStatus(name, {
          clusters: (status.clusters ?? []).sort((a, b) => a.cluster.localeCompare(b.cluster)),
          lastEvaluation: started.toISOString(),
          lastEvaluationMs: elapsed,
          ...(errors.length > 0 ? { lastError: `${errors[0]?.cluster}: ${errors[0]?.reason}` } : {}),
        } satisfies RuleStatus);
      }),
    );
    for (const event of audits)
      await deps.audit
        ?.record(event)
        .catch((error: unknown) =>
          deps.log.warn({ err: error }, 'audit: an alert change could not be recorded'),
        );
    if (writes.size > 0) deps.onChanged();
    return { changed: writes.size };
  }

  return { round, pendingCount: () => pending.size };
}

/** Alerts of rules made from the cluster-offline template. */
function isOfflineAlert(alert: StoredAlert, rules: Map<string, StoredRule>): boolean {
  const rule = rules.get(alert.rule);
  return rule !== undefined && specOf(rule).template === 'cluster-offline';
}

function offlineAlerts(active: StoredAlert[], rules: Map<string, StoredRule>): Map<string, StoredAlert> {
  const offline = new Map<string, StoredAlert>();
  for (const alert of active)
    if (isOfflineAlert(alert, rules) && !offline.has(alert.labels.cluster ?? ''))
      offline.set(alert.labels.cluster ?? '', alert);
  return offline;
}

function auditOf(alert: StoredAlert, action: string, why?: string): AuditEvent {
  return {
    action,
    outcome: 'allowed',
    actor: 'portolan',
    verb: 'update',
    route: 'alert-evaluator',
    resourceKind: 'alert',
    resourceName: `${alert.rule}/${alert.id}`,
    cluster: alert.labels.cluster ?? null,
    namespace: alert.labels.namespace ?? null,
    detail: why ? `${alert.summary}: ${why}` : alert.summary,
  };
}

type QueryMemo = (source: MetricsSource, promql: string) => ReturnType<MetricsSource['query']>;

/** One query per source and expression per round: a custom rule over many clusters asks the managed engine once. */
function queryMemo(): QueryMemo {
  const answers = new Map<MetricsSource, Map<string, ReturnType<MetricsSource['query']>>>();
  return (source, promql) => {
    const bySource = answers.get(source) ?? new Map<string, ReturnType<MetricsSource['query']>>();
    answers.set(source, bySource);
    const answer = bySource.get(promql) ?? source.query(promql);
    bySource.set(promql, answer);
    return answer;
  };
}

async function runLimited(work: Array<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, work.length) }, async () => {
      while (next < work.length) await work[next++]?.();
    }),
  );
}

export type Evaluator = ReturnType<typeof createEvaluator>;
