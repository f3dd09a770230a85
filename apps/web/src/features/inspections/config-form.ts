import type { InspectionConfigSpec, InspectionConfigView, InspectionSeverity } from '@portolan/api';
import type { ConfigInput, InspectionItem } from './inspections-api.ts';

type ParamValue = number | string | boolean;

/** One catalogue item as the form edits it. */
export interface ItemSetting {
  enabled: boolean;
  severity: InspectionSeverity;
  params: Record<string, ParamValue | null | undefined>;
}

/** The configuration form's values: every catalogue item keyed by id. */
export interface ConfigForm {
  name: string;
  cluster: string;
  description?: string;
  namespaces?: string[];
  items: Record<string, ItemSetting>;
  exemptions?: { item: string; namespace?: string; kind?: string; name?: string; reason?: string }[];
  schedule?: string;
  keepRuns?: number;
}

/** The form's items: the catalogue's defaults, with what a saved configuration changed. */
export function itemSettingsOf(
  catalogue: readonly InspectionItem[],
  saved: ConfigInput['items'] = [],
): Record<string, ItemSetting> {
  return Object.fromEntries(
    catalogue.map((item) => {
      const own = saved.find((entry) => entry.id === item.id);
      return [
        item.id,
        {
          enabled: own?.enabled !== false,
          severity: own?.severity ?? item.severity,
          params: { ...item.params, ...own?.params },
        },
      ];
    }),
  );
}

/**
 * The document a filled form saves. Only items that differ from the catalogue are named (the server
 * runs the others with their defaults), so a later change of a default reaches this configuration.
 */
export function configSpecOf(form: ConfigForm, catalogue: readonly InspectionItem[]): ConfigInput {
  const items = catalogue.flatMap((item) => {
    const setting = form.items?.[item.id];
    if (!setting) return [];
    const params = Object.fromEntries(
      Object.entries(setting.params ?? {}).filter(
        (entry): entry is [string, ParamValue] =>
          entry[1] !== null &&
          entry[1] !== undefined &&
          entry[1] !== '' &&
          entry[1] !== item.params[entry[0]],
      ),
    );
    const changed = !setting.enabled || setting.severity !== item.severity || Object.keys(params).length > 0;
    if (!changed) return [];
    return [
      {
        id: item.id,
        ...(setting.enabled ? {} : { enabled: false }),
        ...(setting.severity !== item.severity ? { severity: setting.severity } : {}),
        ...(Object.keys(params).length ? { params } : {}),
      },
    ];
  });
  const exemptions = (form.exemptions ?? [])
    .filter((exemption) => exemption.item?.trim())
    .map((exemption) =>
      Object.fromEntries(
        Object.entries(exemption)
          .map(([key, value]) => [key, typeof value === 'string' ? value.trim() : value])
          .filter(([, value]) => value),
      ),
    ) as NonNullable<InspectionConfigSpec['exemptions']>;
  return {
    cluster: form.cluster,
    ...(form.description?.trim() ? { description: form.description.trim() } : {}),
    ...(form.namespaces?.length ? { namespaces: form.namespaces } : {}),
    ...(items.length ? { items } : {}),
    ...(exemptions.length ? { exemptions } : {}),
    ...(form.schedule?.trim() ? { schedule: form.schedule.trim() } : {}),
    ...(form.keepRuns ? { keepRuns: form.keepRuns } : {}),
  };
}

/** A saved configuration as the form edits it. */
export function configFormOf(view: InspectionConfigView, catalogue: readonly InspectionItem[]): ConfigForm {
  const { spec } = view;
  return {
    name: view.name,
    cluster: spec.cluster,
    description: spec.description,
    namespaces: spec.namespaces,
    items: itemSettingsOf(catalogue, spec.items),
    exemptions: spec.exemptions,
    schedule: spec.schedule,
    keepRuns: spec.keepRuns,
  };
}

/** Refused fields as the form calls them: `/items/3/params/max` names the item by its place. */
export function configField(field: string, spec: ConfigInput): string {
  const match = /^\/?items[/.[](\d+)\]?[/.]?(.*)$/.exec(field);
  if (!match) return field;
  const id = spec.items?.[Number(match[1])]?.id;
  return id ? `items/${id}/${match[2] ?? ''}` : 'items';
}

export const CONFIG_FIELDS = [
  'name',
  'cluster',
  'description',
  'namespaces',
  'exemptions',
  'schedule',
  'keepRuns',
];
