import {
  type InspectionFindingCode,
  type InspectionFindingParams,
  inspectionFindingEnglish,
} from '@portolan/api';

/** What a finding says: a code and its values; the English is made from them (packages/api). */
export interface Said {
  code: InspectionFindingCode;
  params: InspectionFindingParams;
}

export const said = (code: InspectionFindingCode, params: InspectionFindingParams = {}): Said => ({
  code,
  params,
});

export const english = (what: Said): string => inspectionFindingEnglish(what.code, what.params);

/** `values` with each name prefixed (`sync.verb`), for a reason carried inside another finding's values. */
export function prefixed(prefix: string, values: Record<string, string | number> | null | undefined) {
  return Object.fromEntries(
    Object.entries(values ?? {}).map(([name, value]) => [`${prefix}.${name}`, value]),
  );
}

/** A reason repeated inside another: its English as `detail`, its code and values beside. */
export const nested = (inner: Said): InspectionFindingParams => ({
  detail: english(inner),
  detailCode: inner.code,
  ...prefixed('detail', inner.params),
});

/** A list of names shown in a finding: the first `most`, then "…". */
export const listed = (names: string[], most = 5): string =>
  `${names.slice(0, most).join(', ')}${names.length > most ? ', …' : ''}`;
