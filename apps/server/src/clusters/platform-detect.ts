export type Platform =
  | 'kwok'
  | 'eks'
  | 'gke'
  | 'aks'
  | 'k3s'
  | 'rke2'
  | 'openshift'
  | 'kind'
  | 'minikube'
  | 'unknown';

export interface NodeFacts {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  providerID?: string;
}

export interface PlatformFacts {
  gitVersion: string;
  /** A few nodes are enough: platforms mark every node alike. */
  nodes: NodeFacts[];
  /** Served API group names, e.g. from discovery. */
  apiGroups: string[];
}

interface Rule {
  platform: Platform;
  test: (facts: PlatformFacts) => string | undefined;
}

const anyNode = (facts: PlatformFacts, test: (node: NodeFacts) => string | undefined) => {
  for (const node of facts.nodes) {
    const found = test(node);
    if (found) return found;
  }
  return undefined;
};

const labelWithPrefix = (prefix: string) => (node: NodeFacts) => {
  const key = Object.keys(node.labels ?? {}).find((name) => name.startsWith(prefix));
  return key ? `node label ${key}` : undefined;
};

const providerScheme = (scheme: string) => (node: NodeFacts) =>
  node.providerID?.startsWith(`${scheme}://`) ? `node providerID ${scheme}://…` : undefined;

const versionMatch = (pattern: RegExp) => (facts: PlatformFacts) =>
  pattern.test(facts.gitVersion) ? `version ${facts.gitVersion}` : undefined;

// The most specific evidence first: distributions built on a cloud (OpenShift on AWS) win over the cloud.
const RULES: Rule[] = [
  {
    platform: 'openshift',
    test: (facts) =>
      facts.apiGroups.includes('config.openshift.io')
        ? 'API group config.openshift.io'
        : anyNode(facts, labelWithPrefix('node.openshift.io/')),
  },
  { platform: 'k3s', test: (facts) => versionMatch(/\+k3s/)(facts) ?? anyNode(facts, providerScheme('k3s')) },
  { platform: 'rke2', test: versionMatch(/\+rke2/) },
  {
    platform: 'eks',
    test: (facts) => versionMatch(/-eks-/)(facts) ?? anyNode(facts, labelWithPrefix('eks.amazonaws.com/')),
  },
  {
    platform: 'gke',
    test: (facts) =>
      versionMatch(/-gke\./)(facts) ?? anyNode(facts, labelWithPrefix('cloud.google.com/gke-')),
  },
  {
    platform: 'aks',
    test: (facts) =>
      anyNode(facts, labelWithPrefix('kubernetes.azure.com/')) ?? anyNode(facts, providerScheme('azure')),
  },
  { platform: 'kind', test: (facts) => anyNode(facts, providerScheme('kind')) },
  { platform: 'minikube', test: (facts) => anyNode(facts, labelWithPrefix('minikube.k8s.io/')) },
  {
    platform: 'kwok',
    test: (facts) =>
      anyNode(facts, (node) =>
        node.annotations?.['kwok.x-k8s.io/node'] !== undefined
          ? 'node annotation kwok.x-k8s.io/node'
          : providerScheme('kwok')(node),
      ),
  },
];

/** Which distribution or cloud runs the cluster, and the evidence for it. */
export function detectPlatform(facts: PlatformFacts): { platform: Platform; evidence: string } {
  for (const rule of RULES) {
    const evidence = rule.test(facts);
    if (evidence) return { platform: rule.platform, evidence };
  }
  return { platform: 'unknown', evidence: 'no known version suffix, node label or providerID' };
}
