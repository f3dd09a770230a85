import { age } from '../columns/common-columns.ts';
import { text } from '../columns/object-fields.ts';
import { describeKind, type KindDescriptor } from '../kind-descriptor.ts';

/**
 * A real built-in kind (GA in Kubernetes 1.34) that the registry does not describe yet: tests add it
 * to show that one descriptor is all sync, search and the CLI need.
 */
export const VOLUME_ATTRIBUTES_CLASS: KindDescriptor = describeKind(
  {
    group: 'storage.k8s.io',
    version: 'v1',
    plural: 'volumeattributesclasses',
    kind: 'VolumeAttributesClass',
    namespaced: false,
    shortNames: ['vac'],
    collections: ['storage'],
    columns: [{ title: 'DRIVERNAME', value: (o) => text(o, 'driverName') }, age],
  },
  [age],
);
