import type {
  AlertPage,
  AlertQuery,
  AlertRuleSpec,
  AlertRuleView,
  AlertTemplateList,
  AlertView,
  SilenceSpec,
  SilenceView,
} from '@portolan/api';
import { allowedInCluster } from '#server/iam/authorize.ts';
import type { Caller } from '#server/iam/caller.ts';
import { IamError } from '#server/iam/iam-errors.ts';
import {
  type MetricsEngine,
  MetricsEngineUnavailableError,
  PromqlError,
} from '#server/monitoring/contract.ts';
import type {
  AlertingStore,
  StoredAlert,
  StoredRule,
  StoredSilence,
} from '#server/store/alerting/alerting-store.ts';
import type { Clock } from '#server/time/clock.ts';
import {
  maySeeAlert,
  maySeeRule,
  maySeeSilence,
  requireRuleWrite,
  requireSilenceWrite,
  writableClusters,
} from './alert-access.ts';
import { checkRuleSpec, RuleSpecError } from './rule-spec.ts';
import { specOf, statusOf } from './rule-status.ts';
import { matcherRegex, silenceFor, silenceState } from './silence-matchers.ts';
import { TEMPLATES } from './templates.ts';

export interface AlertingServiceDeps {
  store: AlertingStore;
  clusterNames: () => Promise<string[]>;
  engine: () => MetricsEngine | undefined;
  clock: Clock;
  newId: () => string;
  /** Asks for an evaluation round soon (a rule or silence changed). */
  wake: () => void;
}

const ACTIVE = new Set(['firing', 'silenced', 'inhibited']);

/** A rule document as sent: `enabled` defaults to true. */
export type RuleInput = Omit<AlertRuleSpec, 'enabled'> & { enabled?: boolean };

/** The state the API shows: held back first, then firing or resolved. */
export function viewStateOf(alert: StoredAlert): AlertView['state'] {
  if (alert.state === 'resolved') return 'resolved';
  if (alert.inhibitedBy) return 'inhibited';
  if (alert.silencedBy) return 'silenced';
  return 'firing';
}

export function alertViewOf(alert: StoredAlert): AlertView {
  return {
    id: alert.id,
    rule: alert.rule,
    level: alert.level,
    labels: alert.labels,
    summary: alert.summary,
    description: alert.description,
    ...(alert.textCode ? { textCode: alert.textCode, textParams: alert.textParams ?? {} } : {}),
    state: viewStateOf(alert),
    ...(alert.silencedBy ? { silencedBy: alert.silencedBy } : {}),
    ...(alert.inhibitedBy ? { inhibitedBy: alert.inhibitedBy } : {}),
    ...(alert.value !== null ? { value: alert.value } : {}),
    startsAt: alert.startsAt.toISOString(),
    ...(alert.endsAt ? { endsAt: alert.endsAt.toISOString() } : {}),
  };
}

const notFoundRule = (name: string) =>
  new IamError(
    'not-found',
    `no alert rule is named "${name}" that you may see; list them with GET /api/v1/alerting/rules`,
  );

/** Rules, alerts and silences as the routes serve them: filtered to what the caller may read. */
export function createAlertingService(deps: AlertingServiceDeps) {
  const { store } = deps;

  function ruleView(caller: Caller, rule: StoredRule, firing: StoredAlert[]): AlertRuleView {
    const status = statusOf(rule);
    return {
      name: rule.name,
      spec: specOf(rule),
      ...(rule.builtIn ? { builtIn: true } : {}),
      clusters: (status.clusters ?? []).filter((state) =>
        allowedInCluster(caller, 'alerts:read', state.cluster),
      ),
      firing: firing.filter((alert) => alert.rule === rule.name && maySeeAlert(caller, alert)).length,
      ...(status.lastEvaluation ? { lastEvaluation: status.lastEvaluation } : {}),
      ...(status.lastEvaluationMs !== undefined ? { lastEvaluationMs: status.lastEvaluationMs } : {}),
      ...(status.lastError ? { lastError: status.lastError } : {}),
      createdBy: rule.createdBy,
      updatedBy: rule.updatedBy,
      updatedAt: rule.updatedAt.toISOString(),
    };
  }

  async function visibleRule(caller: Caller, name: string): Promise<StoredRule> {
    const rule = await store.rule(name);
    if (!rule || !maySeeRule(caller, specOf(rule), await deps.clusterNames())) throw notFoundRule(name);
    return rule;
  }

  /** The engine's word on a custom expression, when one runs: its parse error names the fix. */
  async function checkPromql(promql: string): Promise<void> {
    const engine = deps.engine();
    if (!engine) return;
    try {
      await engine.managed().query(promql);
    } catch (error) {
      if (error instanceof PromqlError)
        throw new RuleSpecError('promql', `the metrics engine refused the expression: ${error.message}`);
      if (!(error instanceof MetricsEngineUnavailableError)) throw error;
    }
  }

  function silenceView(silence: StoredSilence, active: StoredAlert[]): SilenceView {
    const now = deps.clock();
    return {
      id: silence.id,
      matchers: silence.matchers,
      startsAt: silence.startsAt.toISOString(),
      endsAt: silence.endsAt.toISOString(),
      comment: silence.comment,
      createdBy: silence.createdBy,
      createdAt: silence.createdAt.toISOString(),
      state: silenceState(silence, now),
      silencing: active.filter((alert) => alert.silencedBy === silence.id).length,
    };
  }

  return {
    templates(): AlertTemplateList {
      return {
        items: TEMPLATES.map((template) => ({
          id: template.id,
          level: template.level,
          params: template.params.map((param) => ({ ...param })),
          sources: [...template.sources],
        })),
      };
    },

    async listRules(caller: Caller): Promise<AlertRuleView[]> {
      const [rules, registered, firing] = await Promise.all([
        store.rules(),
        deps.clusterNames(),
        store.alerts(),
      ]);
      return rules
        .filter((rule) => maySeeRule(caller, specOf(rule), registered))
        .map((rule) => ruleView(caller, rule, firing));
    },

    async getRule(caller: Caller, name: string): Promise<AlertRuleView> {
      const rule = await visibleRule(caller, name);
      return ruleView(caller, rule, await store.alerts());
    },

    /** Creates or replaces a rule; answers it and whether it was new. */
    async putRule(
      caller: Caller,
      name: string,
      input: RuleInput,
    ): Promise<{ view: AlertRuleView; created: boolean }> {
      checkRuleSpec(input);
      const registered = await deps.clusterNames();
      (input.scope?.clusters ?? []).forEach((cluster, index) => {
        if (!registered.includes(cluster))
          throw new RuleSpecError(
            `scope.clusters[${index}]`,
            `no cluster is named "${cluster}"; list them with GET /api/v1/clusters`,
          );
      });
      const existing = await store.rule(name);
      if (existing && !maySeeRule(caller, specOf(existing), registered)) throw notFoundRule(name);
      if (existing) requireRuleWrite(caller, specOf(existing));
      if (existing?.builtIn && input.template !== specOf(existing).template)
        throw new RuleSpecError(
          'template',
          `${name} is made by Portolan from template ${specOf(existing).template}; change its other fields, or disable it`,
        );
      // No clusters named: every cluster the author may write, as they are now (all, for the platform).
      let spec: AlertRuleSpec = { ...input, enabled: input.enabled ?? true };
      if (!spec.scope?.clusters?.length) {
        const writable = writableClusters(caller, registered);
        if (writable !== 'all') {
          if (writable.length === 0)
            throw new IamError(
              'forbidden',
              'you may not alerts:write on any cluster; ask an Admin for a role',
            );
          spec = { ...spec, scope: { ...spec.scope, clusters: writable } };
        }
      }
      requireRuleWrite(caller, spec);
      if (spec.promql !== undefined) await checkPromql(spec.promql);
      const { created } = await store.saveRule({
        name,
        spec,
        builtIn: existing?.builtIn ?? false,
        createdBy: caller.username,
        updatedBy: caller.username,
        updatedAt: deps.clock(),
      });
      deps.wake();
      return { view: await this.getRule(caller, name), created };
    },

    async deleteRule(caller: Caller, name: string): Promise<StoredRule> {
      const rule = await visibleRule(caller, name);
      requireRuleWrite(caller, specOf(rule));
      if (rule.builtIn)
        throw new IamError(
          'conflict',
          `${name} is made by Portolan and may not be deleted; disable it with "enabled": false`,
        );
      await store.deleteRule(name);
      deps.wake();
      return rule;
    },

    async listAlerts(caller: Caller, query: Partial<AlertQuery>): Promise<AlertPage> {
      const state = query.state ?? 'active';
      // Resolved alerts are kept as long as the audit trail; listing them reads every one still kept.
      const all = await store.alerts(
        state === 'active' || state === 'firing' || state === 'silenced' || state === 'inhibited'
          ? {}
          : { resolvedSince: new Date(0) },
      );
      const visible = all.filter((alert) => maySeeAlert(caller, alert));
      const counts = { critical: 0, warning: 0, info: 0 };
      for (const alert of visible) if (alert.state === 'firing') counts[alert.level]++;
      const items = visible
        .map(alertViewOf)
        .filter(
          (alert) =>
            state === 'all' || (state === 'active' ? ACTIVE.has(alert.state) : alert.state === state),
        )
        .filter((alert) => !query.level || alert.level === query.level)
        .filter((alert) => !query.cluster || alert.labels.cluster === query.cluster)
        .filter((alert) => !query.namespace || alert.labels.namespace === query.namespace)
        .filter((alert) => !query.rule || alert.rule === query.rule);
      const offset = query.cursor
        ? Number.parseInt(Buffer.from(query.cursor, 'base64url').toString(), 10) || 0
        : 0;
      const limit = query.limit ?? 100;
      const page = items.slice(offset, offset + limit);
      return {
        items: page,
        counts,
        ...(offset + limit < items.length
          ? { next: Buffer.from(String(offset + limit)).toString('base64url') }
          : {}),
      };
    },

    async getAlert(caller: Caller, id: string): Promise<AlertView> {
      const alert = await store.alert(id);
      if (!alert || !maySeeAlert(caller, alert))
        throw new IamError(
          'not-found',
          `no alert has id "${id}" that you may see; list them with GET /api/v1/alerting/alerts`,
        );
      const timeline = (await store.events(id)).map((event) => ({
        at: event.at.toISOString(),
        event: event.event,
        ...(event.detail ? { detail: event.detail } : {}),
        ...(event.detailCode ? { detailCode: event.detailCode, detailParams: event.detailParams ?? {} } : {}),
      }));
      return { ...alertViewOf(alert), timeline };
    },

    async listSilences(caller: Caller, state?: string): Promise<SilenceView[]> {
      const [silences, active] = await Promise.all([store.silences(), store.alerts()]);
      return silences
        .filter((silence) => maySeeSilence(caller, silence))
        .map((silence) => silenceView(silence, active))
        .filter((view) => !state || state === 'all' || view.state === state);
    },

    async createSilence(caller: Caller, spec: SilenceSpec): Promise<SilenceView> {
      spec.matchers.forEach((matcher, index) => {
        if (matcher.op !== '=~' && matcher.op !== '!~') return;
        try {
          matcherRegex(matcher.value);
        } catch (error) {
          throw new RuleSpecError(
            `matchers[${index}].value`,
            `not a regular expression: ${(error as Error).message}`,
          );
        }
      });
      requireSilenceWrite(caller, spec);
      const now = deps.clock();
      const startsAt = spec.startsAt ? new Date(spec.startsAt) : now;
      const endsAt = new Date(spec.endsAt ?? '');
      if (!(endsAt.getTime() > Math.max(startsAt.getTime(), now.getTime())))
        throw new RuleSpecError('endsAt', 'endsAt must be later than now and than startsAt');
      const silence: StoredSilence = {
        id: deps.newId(),
        matchers: spec.matchers,
        startsAt,
        endsAt,
        comment: spec.comment,
        createdBy: caller.username,
        createdAt: now,
      };
      await store.createSilence(silence);
      deps.wake();
      const active = await store.alerts();
      // Those it will hold back at the next round: counted now, so the answer says what it does.
      const holds = active
        .filter((alert) => silenceFor(alert, [silence], now))
        .map((alert) => ({ ...alert, silencedBy: silence.id }));
      return silenceView(silence, holds);
    },

    async expireSilence(caller: Caller, id: string): Promise<SilenceView> {
      const silence = await store.silence(id);
      if (!silence || !maySeeSilence(caller, silence))
        throw new IamError(
          'not-found',
          `no silence has id "${id}" that you may see; list them with GET /api/v1/alerting/silences`,
        );
      requireSilenceWrite(caller, silence);
      const expired = (await store.expireSilence(id, deps.clock())) ?? silence;
      deps.wake();
      return silenceView(expired, await store.alerts());
    },
  };
}

export type AlertingService = ReturnType<typeof createAlertingService>;
