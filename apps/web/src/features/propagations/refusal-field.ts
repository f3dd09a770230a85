import type { ErrorBody } from '@portolan/api';
import type { PropagationForm } from './propagation-form.ts';

/** A form field's path as antd's Form names it: ['targets', 'labelSelector'], ['overrides', 0, 'image']. */
export type FormPath = (string | number)[];

/** `/spec/overrides/0/image/tag`, `spec.overrides[0].image.tag` → ['spec', 'overrides', 0, 'image', 'tag']. */
export function stepsOf(field: string): (string | number)[] {
  return field
    .split(/[/.[\]]+/)
    .filter(Boolean)
    .map((step) => (/^\d+$/.test(step) ? Number(step) : step));
}

const IMAGE_FIELDS: Record<string, keyof PropagationForm['overrides'][number]> = {
  container: 'container',
  image: 'image',
  registry: 'registry',
  tag: 'tag',
};

/** The row of the form a resource selector came from (one row may hold several names). */
function rowOfSelector(form: PropagationForm, index: number): number {
  let seen = 0;
  const rows = form.resources.filter((row) => row.type);
  for (const [at, row] of rows.entries()) {
    seen += Math.max(1, row.names.filter((name) => name.trim()).length);
    if (index < seen) return at;
  }
  return Math.max(0, rows.length - 1);
}

/**
 * Where in the form a field the server names (in the document's terms) is edited; undefined when
 * the form has no such field (the page then shows the reason above the form).
 */
export function formPathOf(field: string, form: PropagationForm): FormPath | undefined {
  const steps = stepsOf(field);
  const [top, section, ...rest] = steps;
  if (top === 'metadata') return section === 'name' ? ['name'] : undefined;
  if (top !== 'spec') return undefined;
  switch (section) {
    case 'source':
      return ['sourceCluster'];
    case 'resources': {
      const [index, part] = rest;
      if (typeof index !== 'number') return ['sourceCluster'];
      const row = rowOfSelector(form, index);
      if (part === 'namespace') return ['resources', row, 'namespace'];
      if (part === 'name') return ['resources', row, 'names'];
      if (part === 'labelSelector') return ['resources', row, 'labelSelector'];
      return ['resources', row, 'type'];
    }
    case 'templates':
      return ['templates'];
    case 'placement': {
      const [what, part] = rest;
      if (what === 'clusters')
        return ['targets', typeof part === 'string' && part !== 'names' ? part : 'names'];
      if (what !== 'replicas') return ['targets', 'names'];
      if (part === 'weights') return ['weights'];
      if (part === 'limits') return ['limits'];
      if (part === 'spreadBy') return ['spreadBy'];
      return ['replicaMode'];
    }
    case 'overrides': {
      const [index, part, inner] = rest;
      if (typeof index !== 'number') return undefined;
      if (part === 'clusters')
        return [
          'overrides',
          index,
          'clusters',
          typeof inner === 'string' && inner !== 'names' ? inner : 'names',
        ];
      if (part === 'resource') return ['overrides', index, typeof inner === 'string' ? inner : 'kind'];
      if (part === 'image') return ['overrides', index, IMAGE_FIELDS[String(inner)] ?? 'image'];
      if (part === 'env') return ['overrides', index, 'env'];
      if (part === 'replicas' || part === 'labels' || part === 'annotations' || part === 'jsonPatch')
        return ['overrides', index, part];
      return undefined;
    }
    case 'failover':
      return rest[0] === 'minReadyReplicas' ? ['minReadyReplicas'] : ['graceSeconds'];
    default:
      return undefined;
  }
}

/** Every field the refusal names, with its own message (or the refusal's). */
export function refusedFields(body: ErrorBody): { field: string; message: string }[] {
  const named = (body.fields ?? [])
    .filter((problem) => problem.field)
    .map((problem) => ({ field: problem.field ?? '', message: problem.message ?? body.message }));
  if (named.length) return named;
  return body.field ? [{ field: body.field, message: body.message }] : [];
}
