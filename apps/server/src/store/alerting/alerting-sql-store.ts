import type { Kysely, Selectable } from 'kysely';
import type {
  AlertingStore,
  AlertLevel,
  SilenceMatcher,
  StoredAlert,
  StoredAlertEvent,
  StoredRule,
  StoredSilence,
} from './alerting-store.ts';

/** The tables of migration 0019, as Kysely sees them. */
export type AlertingDatabase = {
  alert_rules: {
    name: string;
    spec: string;
    built_in: number;
    created_by: string;
    updated_by: string;
    updated_at: number;
    status: string;
  };
  alerts: {
    id: string;
    rule: string;
    origin: string;
    level: string;
    labels: string;
    cluster: string;
    namespace: string | null;
    summary: string;
    description: string;
    text_code: string | null;
    text_params: string | null;
    state: string;
    silenced_by: string | null;
    inhibited_by: string | null;
    value: number | null;
    starts_at: number;
    ends_at: number | null;
    updated_at: number;
  };
  alert_events: {
    alert_id: string;
    seq: number;
    at: number;
    event: string;
    detail: string | null;
    detail_code: string | null;
    detail_params: string | null;
  };
  silences: {
    id: string;
    matchers: string;
    starts_at: number;
    ends_at: number;
    comment: string;
    created_by: string;
    created_at: number;
  };
};

type Tables = AlertingDatabase;

/** PostgreSQL may hand back a bigint column as a string; SQLite as a number. */
const int = (value: number | string) => Number(value);

function toRule(row: Selectable<Tables['alert_rules']>): StoredRule {
  return {
    name: row.name,
    spec: JSON.parse(row.spec),
    builtIn: int(row.built_in) === 1,
    createdBy: row.created_by,
    updatedBy: row.updated_by,
    updatedAt: new Date(int(row.updated_at)),
    status: JSON.parse(row.status),
  };
}

function toAlert(row: Selectable<Tables['alerts']>): StoredAlert {
  return {
    id: row.id,
    rule: row.rule,
    origin: row.origin === 'portolan' ? 'portolan' : 'rule',
    level: row.level as AlertLevel,
    labels: JSON.parse(row.labels),
    summary: row.summary,
    description: row.description,
    ...(row.text_code ? { textCode: row.text_code, textParams: JSON.parse(row.text_params ?? '{}') } : {}),
    state: row.state === 'resolved' ? 'resolved' : 'firing',
    silencedBy: row.silenced_by,
    inhibitedBy: row.inhibited_by,
    value: row.value === null ? null : Number(row.value),
    startsAt: new Date(int(row.starts_at)),
    endsAt: row.ends_at === null ? null : new Date(int(row.ends_at)),
    updatedAt: new Date(int(row.updated_at)),
  };
}

function alertRow(alert: StoredAlert): Tables['alerts'] {
  return {
    id: alert.id,
    rule: alert.rule,
    origin: alert.origin,
    level: alert.level,
    labels: JSON.stringify(alert.labels),
    cluster: alert.labels.cluster ?? '',
    namespace: alert.labels.namespace ?? null,
    summary: alert.summary,
    description: alert.description,
    text_code: alert.textCode ?? null,
    text_params: alert.textCode ? JSON.stringify(alert.textParams ?? {}) : null,
    state: alert.state,
    silenced_by: alert.silencedBy,
    inhibited_by: alert.inhibitedBy,
    value: alert.value !== null && Number.isFinite(alert.value) ? alert.value : null,
    starts_at: alert.startsAt.getTime(),
    ends_at: alert.endsAt?.getTime() ?? null,
    updated_at: alert.updatedAt.getTime(),
  };
}

function toSilence(row: Selectable<Tables['silences']>): StoredSilence {
  return {
    id: row.id,
    matchers: JSON.parse(row.matchers) as SilenceMatcher[],
    startsAt: new Date(int(row.starts_at)),
    endsAt: new Date(int(row.ends_at)),
    comment: row.comment,
    createdBy: row.created_by,
    createdAt: new Date(int(row.created_at)),
  };
}

export function createSqlAlertingStore(db: Kysely<AlertingDatabase>): AlertingStore {
  // Events of one millisecond keep the order they were written in: the sequence is the time in
  // microseconds plus a counter, so a timeline sorts by it alone.
  let counter = 0;
  const eventRows = (events: StoredAlertEvent[]) =>
    events.map((event) => ({
      alert_id: event.alertId,
      seq: event.at.getTime() * 1000 + (counter++ % 1000),
      at: event.at.getTime(),
      event: event.event,
      detail: event.detail,
      detail_code: event.detailCode ?? null,
      detail_params: event.detailCode ? JSON.stringify(event.detailParams ?? {}) : null,
    }));

  return {
    async rules() {
      const rows = await db.selectFrom('alert_rules').selectAll().orderBy('name').execute();
      return rows.map(toRule);
    },
    async rule(name) {
      const row = await db.selectFrom('alert_rules').selectAll().where('name', '=', name).executeTakeFirst();
      return row ? toRule(row) : undefined;
    },
    async saveRule(rule) {
      const values = {
        spec: JSON.stringify(rule.spec),
        built_in: rule.builtIn ? 1 : 0,
        updated_by: rule.updatedBy,
        updated_at: rule.updatedAt.getTime(),
      };
      const updated = await db
        .updateTable('alert_rules')
        .set(values)
        .where('name', '=', rule.name)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) > 0) return { created: false };
      await db
        .insertInto('alert_rules')
        .values({ name: rule.name, ...values, created_by: rule.createdBy ?? rule.updatedBy, status: '{}' })
        .execute();
      return { created: true };
    },
    async ensureRule(rule) {
      await db
        .insertInto('alert_rules')
        .values({
          name: rule.name,
          spec: JSON.stringify(rule.spec),
          built_in: rule.builtIn ? 1 : 0,
          created_by: rule.createdBy,
          updated_by: rule.updatedBy,
          updated_at: rule.updatedAt.getTime(),
          status: '{}',
        })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
    },
    async setRuleStatus(name, status) {
      await db
        .updateTable('alert_rules')
        .set({ status: JSON.stringify(status) })
        .where('name', '=', name)
        .execute();
    },
    async deleteRule(name) {
      const result = await db.deleteFrom('alert_rules').where('name', '=', name).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async alerts(filter = {}) {
      const since = filter.resolvedSince?.getTime();
      const rows = await db
        .selectFrom('alerts')
        .selectAll()
        .where((eb) =>
          since === undefined
            ? eb('state', '=', 'firing')
            : eb.or([eb('state', '=', 'firing'), eb('ends_at', '>=', since)]),
        )
        .orderBy('starts_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toAlert);
    },
    async alert(id) {
      const row = await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toAlert(row) : undefined;
    },
    async saveAlerts(alerts, events) {
      if (alerts.length === 0 && events.length === 0) return;
      await db.transaction().execute(async (trx) => {
        // A few hundred rows a statement: one round may fire or resolve thousands at once.
        for (let i = 0; i < alerts.length; i += 200) {
          await trx
            .insertInto('alerts')
            .values(alerts.slice(i, i + 200).map(alertRow))
            .onConflict((oc) =>
              oc.column('id').doUpdateSet((eb) => ({
                rule: eb.ref('excluded.rule'),
                origin: eb.ref('excluded.origin'),
                level: eb.ref('excluded.level'),
                labels: eb.ref('excluded.labels'),
                cluster: eb.ref('excluded.cluster'),
                namespace: eb.ref('excluded.namespace'),
                summary: eb.ref('excluded.summary'),
                description: eb.ref('excluded.description'),
                text_code: eb.ref('excluded.text_code'),
                text_params: eb.ref('excluded.text_params'),
                state: eb.ref('excluded.state'),
                silenced_by: eb.ref('excluded.silenced_by'),
                inhibited_by: eb.ref('excluded.inhibited_by'),
                value: eb.ref('excluded.value'),
                starts_at: eb.ref('excluded.starts_at'),
                ends_at: eb.ref('excluded.ends_at'),
                updated_at: eb.ref('excluded.updated_at'),
              })),
            )
            .execute();
        }
        for (let i = 0; i < events.length; i += 500)
          await trx
            .insertInto('alert_events')
            .values(eventRows(events.slice(i, i + 500)))
            .execute();
      });
    },
    async addEvents(events) {
      if (events.length > 0) await db.insertInto('alert_events').values(eventRows(events)).execute();
    },
    async events(alertId) {
      const rows = await db
        .selectFrom('alert_events')
        .selectAll()
        .where('alert_id', '=', alertId)
        .orderBy('seq')
        .execute();
      return rows.map((row) => ({
        alertId: row.alert_id,
        at: new Date(int(row.at)),
        event: row.event,
        detail: row.detail,
        ...(row.detail_code
          ? { detailCode: row.detail_code, detailParams: JSON.parse(row.detail_params ?? '{}') }
          : {}),
      }));
    },
    async silences() {
      const rows = await db.selectFrom('silences').selectAll().orderBy('created_at', 'desc').execute();
      return rows.map(toSilence);
    },
    async silence(id) {
      const row = await db.selectFrom('silences').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toSilence(row) : undefined;
    },
    async createSilence(silence) {
      await db
        .insertInto('silences')
        .values({
          id: silence.id,
          matchers: JSON.stringify(silence.matchers),
          starts_at: silence.startsAt.getTime(),
          ends_at: silence.endsAt.getTime(),
          comment: silence.comment,
          created_by: silence.createdBy,
          created_at: silence.createdAt.getTime(),
        })
        .execute();
    },
    async expireSilence(id, at) {
      await db
        .updateTable('silences')
        .set({ ends_at: at.getTime() })
        .where('id', '=', id)
        .where('ends_at', '>', at.getTime())
        .execute();
      const row = await db.selectFrom('silences').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toSilence(row) : undefined;
    },
    async prune(before) {
      const cutoff = before.getTime();
      return db.transaction().execute(async (trx) => {
        const gone = await trx
          .deleteFrom('alerts')
          .where('state', '=', 'resolved')
          .where('ends_at', '<', cutoff)
          .returning('id')
          .execute();
        let removed = gone.length;
        for (let i = 0; i < gone.length; i += 500) {
          const ids = gone.slice(i, i + 500).map((row) => row.id);
          const timeline = await trx
            .deleteFrom('alert_events')
            .where('alert_id', 'in', ids)
            .executeTakeFirst();
          removed += Number(timeline.numDeletedRows);
        }
        const events = await trx.deleteFrom('alert_events').where('at', '<', cutoff).executeTakeFirst();
        const silences = await trx.deleteFrom('silences').where('ends_at', '<', cutoff).executeTakeFirst();
        return removed + Number(events.numDeletedRows) + Number(silences.numDeletedRows);
      });
    },
  };
}
