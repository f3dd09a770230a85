import type { MultiClusterServiceDocument } from '@portolan/api';
import { fieldsOf, type SelectorFields, selectorOf } from '../propagations/propagation-form.ts';

/** The form's values: one view of a MultiClusterService document. */
export interface McsForm {
  namespace: string;
  service: string;
  /** The document's own name; the Service's when empty. */
  name: string;
  exportMode: 'every' | 'chosen';
  exportFrom: SelectorFields;
  importTo: SelectorFields;
  importName: string;
}

export const emptyMcsForm = (): McsForm => ({
  namespace: '',
  service: '',
  name: '',
  exportMode: 'every',
  exportFrom: fieldsOf(undefined),
  importTo: fieldsOf(undefined),
  importName: '',
});

/** The document the form says; `generation` from the one being edited, so a concurrent change is refused. */
export function mcsDocumentOf(form: McsForm, generation?: number): MultiClusterServiceDocument {
  const service = form.service.trim();
  const name = form.name.trim() || service;
  const importName = form.importName.trim();
  return {
    apiVersion: 'portolan.dev/v1',
    kind: 'MultiClusterService',
    metadata: {
      namespace: form.namespace.trim(),
      name,
      ...(generation === undefined ? {} : { generation }),
    },
    spec: {
      ...(service !== name ? { service } : {}),
      ...(form.exportMode === 'chosen' ? { exportFrom: selectorOf(form.exportFrom) } : {}),
      importTo: selectorOf(form.importTo),
      ...(importName ? { importName } : {}),
    },
  };
}

export function mcsFormOf(document: MultiClusterServiceDocument): McsForm {
  const service = document.spec.service ?? document.metadata.name;
  return {
    namespace: document.metadata.namespace,
    service,
    name: document.metadata.name === service ? '' : document.metadata.name,
    exportMode: document.spec.exportFrom ? 'chosen' : 'every',
    exportFrom: fieldsOf(document.spec.exportFrom),
    importTo: fieldsOf(document.spec.importTo),
    importName: document.spec.importName ?? '',
  };
}

/** The form field a server refusal names (`spec.importTo.labelSelector` → importTo), if any. */
export function formFieldOf(field: string | undefined): keyof McsForm | undefined {
  const [top, second] = (field ?? '').replace(/^\//, '').split(/[./]/);
  if (top === 'metadata')
    return second === 'namespace' ? 'namespace' : second === 'name' ? 'name' : undefined;
  if (top === 'spec' && (second === 'importTo' || second === 'exportFrom' || second === 'importName'))
    return second;
  if (top === 'spec' && second === 'service') return 'service';
  return undefined;
}
