import type { InspectionConfigSpec, InspectionFinding, InspectionRunView } from '@portolan/api';
import { checkCluster } from './checks-cluster.ts';
import { checkNodes } from './checks-node.ts';
import { checkWorkloads } from './checks-workload.ts';
import type { InspectedKind, InspectionInput } from './inspection-input.ts';
import { createRecorder } from './recorder.ts';

export interface InspectionResult {
  findings: InspectionFinding[];
  scores: NonNullable<InspectionRunView['scores']>;
  /** Objects looked at, by kind. */
  objects: Record<string, number>;
}

/** Every enabled item over one cluster's objects and live answers: pure, so it is tested without a cluster. */
export function inspect(
  input: InspectionInput,
  spec: Pick<InspectionConfigSpec, 'items' | 'exemptions'>,
): InspectionResult {
  const namespaces = input.objects.namespaces;
  const annotations = new Map(
    (namespaces.ok ? namespaces.value : []).map((ns) => [ns.metadata.name, ns.metadata.annotations]),
  );
  const recorder = createRecorder(spec, annotations);
  checkCluster(input, recorder);
  checkNodes(input, recorder);
  checkWorkloads(input, recorder);
  const objects: Record<string, number> = {};
  for (const [kind, found] of Object.entries(input.objects) as Array<
    [InspectedKind, InspectionInput['objects'][InspectedKind]]
  >)
    if (found.ok) objects[kind] = found.value.length;
  return { findings: recorder.findings(), scores: recorder.scores(), objects };
}
