/** Objects the resource cluster tests create: a labelled ConfigMap, a two-container Deployment. */
import type { KubeObject } from '../kube-object.ts';

export const configMap = (name: string, data: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, labels: { app: 'resources-test' } },
  data,
});

export const deployment = (name: string, image: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: {
        containers: [
          { name: 'web', image },
          { name: 'sidecar', image: 'busybox:1' },
        ],
      },
    },
  },
});
