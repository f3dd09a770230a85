import { createHash } from 'node:crypto';
import type { MultiClusterServiceDocument } from '@portolan/api';
import type { KubeObject } from '#server/resources/kube-object.ts';
import type { StoredExport } from '#server/store/multicluster-services/mcs-store.ts';
import { servicePortsOf } from './export-endpoints.ts';

/** Portolan's field manager for what it applies on import clusters. */
export const MCS_FIELD_MANAGER = 'portolan-mcs';
/** On every object an import made: the MultiClusterService's name. */
export const MCS_LABEL = 'portolan.dev/multicluster-service';
export const SOURCE_CLUSTER_LABEL = 'multicluster.kubernetes.io/source-cluster';
export const MANAGED_BY = 'portolan.dev';
/** The API server refuses an EndpointSlice with more endpoints than this. */
export const MAX_SLICE_ENDPOINTS = 1000;

export const serviceNameOf = (document: MultiClusterServiceDocument): string =>
  document.spec.service ?? document.metadata.name;

export const importNameOf = (document: MultiClusterServiceDocument): string =>
  document.spec.importName ?? `${serviceNameOf(document)}-mcs`;

/**
 * `<importName>-<cluster>` as a DNS label: lower case, other characters turned into '-', and when that
 * changed it or it is longer than 63 characters, cut and given a hash of the original so two clusters
 * never share a slice.
 */
export function sliceNameOf(importName: string, cluster: string): string {
  const wanted = `${importName}-${cluster}`;
  const cleaned = wanted.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  if (cleaned === wanted && wanted.length <= 63) return wanted;
  const hash = createHash('sha256').update(wanted).digest('hex').slice(0, 10);
  return `${cleaned.slice(0, 52).replace(/-+$/, '')}-${hash}`;
}

/** The selector-less Service on an import cluster, with the exported Service's ports. */
export function importedService(document: MultiClusterServiceDocument, exported: KubeObject): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: importNameOf(document),
      namespace: document.metadata.namespace,
      labels: { [MCS_LABEL]: document.metadata.name },
    },
    spec: {
      type: 'ClusterIP',
      ports: servicePortsOf(exported).map((port) => ({
        ...(port.name ? { name: port.name } : {}),
        port: port.port,
        protocol: port.protocol ?? 'TCP',
      })),
    },
  };
}

/** One exporting cluster's ready pods as an EndpointSlice of the imported Service. */
export function importedSlice(document: MultiClusterServiceDocument, source: StoredExport): KubeObject {
  const importName = importNameOf(document);
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: sliceNameOf(importName, source.cluster),
      namespace: document.metadata.namespace,
      labels: {
        'kubernetes.io/service-name': importName,
        'endpointslice.kubernetes.io/managed-by': MANAGED_BY,
        [SOURCE_CLUSTER_LABEL]: source.cluster,
        [MCS_LABEL]: document.metadata.name,
      },
    },
    addressType: 'IPv4',
    // No nodeName: the exporting cluster's nodes mean nothing to the import cluster's topology hints.
    endpoints: source.endpoints.slice(0, MAX_SLICE_ENDPOINTS).map((endpoint) => ({
      addresses: [endpoint.address],
      conditions: { ready: true },
    })),
    ports: source.ports.map((port) => ({ name: port.name, port: port.port, protocol: port.protocol })),
  };
}
