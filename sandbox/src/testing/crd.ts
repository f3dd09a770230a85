/** A CustomResourceDefinition for tests: one served and stored version `v1`, any fields kept. */
export interface TestCrdOptions {
  group: string;
  kind: string;
  plural: string;
  singular?: string;
  shortNames?: string[];
  /** Adds the status subresource. */
  status?: boolean;
}

export function testCrd(options: TestCrdOptions) {
  const { group, kind, plural } = options;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      names: {
        kind,
        plural,
        singular: options.singular ?? kind.toLowerCase(),
        ...(options.shortNames ? { shortNames: options.shortNames } : {}),
      },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          ...(options.status ? { subresources: { status: {} } } : {}),
        },
      ],
    },
  };
}
