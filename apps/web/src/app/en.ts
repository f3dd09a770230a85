import { accountEn } from '../features/account/messages.ts';
import { alertingEn } from '../features/alerting/messages.ts';
import { appsEn } from '../features/apps/messages.ts';
import { auditEn } from '../features/audit/messages.ts';
import { backupsEn } from '../features/backups/messages.ts';
import { drainEn } from '../features/cluster/drain-messages.ts';
import { clusterEn } from '../features/cluster/messages.ts';
import { clustersEn } from '../features/clusters/messages.ts';
import { createEn } from '../features/create/messages.ts';
import { editorEn } from '../features/editor/messages.ts';
import { helmActionsEn } from '../features/helm-actions/messages.ts';
import { inspectionsEn } from '../features/inspections/messages.ts';
import { jobsEn } from '../features/jobs/messages.ts';
import { lifecycleEn } from '../features/lifecycle/messages.ts';
import { monitoringEn } from '../features/monitoring/messages.ts';
import { multiClusterServicesEn } from '../features/multicluster-services/messages.ts';
import { peopleEn } from '../features/people/messages.ts';
import { podsEn } from '../features/pods/messages.ts';
import { propagationsEn } from '../features/propagations/messages.ts';
import { releasesEn } from '../features/releases/messages.ts';
import { resourcesEn } from '../features/resources/messages.ts';
import { searchEn } from '../features/search/messages.ts';
import { signInEn } from '../features/sign-in/messages.ts';
import { terminalsEn } from '../features/terminals/messages.ts';
import { workloadsEn } from '../features/workloads/messages.ts';
import { serverErrorsEn } from './server-error-messages.ts';
/** Every string the console shows, in English. zh-CN.ts must have the same keys (tsc checks it). */
export const en = {
  'app.name': 'Portolan',
  'app.tagline': 'One console for every Kubernetes cluster',
  'nav.overview': 'Overview',
  'nav.clusters': 'Clusters',
  'shell.language': 'Language',
  'shell.theme.light': 'Light theme',
  'shell.theme.dark': 'Dark theme',
  'shell.signOut': 'Sign out',
  'shell.signedInAs': 'Signed in as {user}',
  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.cancel': 'Cancel',
  'common.refresh': 'Refresh',
  'common.none': 'None',
  'common.failed': 'The request failed',
  'common.notFound': 'There is no page at this address.',
  'common.backHome': 'Back to the overview',
  'signIn.title': 'Sign in to Portolan',
  'signIn.username': 'Username',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.usernameRequired': 'Enter your username',
  'signIn.passwordRequired': 'Enter your password',
  'signIn.firstRunHint': 'On first start the server prints the administrator’s username and password.',
  'overview.title': 'Overview',
  'overview.clusters': 'Clusters',
  'overview.ready': 'Ready',
  'overview.lastKnown': 'Last known',
  'overview.includesLastKnown': 'includes the last known figures of {count} cluster(s) not Ready',
  'overview.nodesReady': 'Nodes Ready',
  'overview.pods': 'Pods',
  'overview.cpuRequests': 'CPU requested',
  'overview.memoryRequests': 'Memory requested',
  'overview.requestedOf': '{used} of {total} allocatable',
  'overview.perCluster': 'Clusters',
  'overview.podsByPhase': 'Pods by phase',
  'overview.problems': 'Problems',
  'overview.noProblems': 'No problems: every cluster is Ready.',
  'overview.clusterOffline': '{cluster} is {status}: {reason}',
  'overview.credentialWarning': '{cluster}: {warning}',
  'overview.namespacesOnly': 'Only your namespaces: {namespaces}',
  'overview.emptyTitle': 'No cluster yet',
  'overview.emptyText': 'Register a cluster you run, or start a local sandbox cluster to try Portolan.',
  'overview.addCluster': 'Add a cluster',
  'overview.createSandbox': 'Create a sandbox cluster',
  'overview.sandboxDemo': 'Fill the sandbox with demo namespaces, workloads, Services and storage',
  'overview.sandboxCreating': 'Starting a sandbox cluster named {name}; this takes about a minute…',
  'overview.sandboxCreated': 'Sandbox cluster {name} is running and registered.',
  'cluster.name': 'Name',
  'cluster.status': 'Status',
  'cluster.version': 'Version',
  'cluster.platform': 'Platform',
  'cluster.nodes': 'Nodes',
  'cluster.labels': 'Labels',
  'cluster.server': 'API server',
  'cluster.lastSeen': 'Last seen',
  'cluster.latency': 'Latency',
  'cluster.actions': 'Actions',
  'cluster.cpu': 'CPU',
  'cluster.memory': 'Memory',
  'status.Ready': 'Ready',
  'status.Offline': 'Offline',
  'status.Unknown': 'Unknown',
  'phase.Running': 'Running',
  'phase.Pending': 'Pending',
  'phase.Succeeded': 'Succeeded',
  'phase.Failed': 'Failed',
  'phase.Unknown': 'Unknown',
  'clusters.title': 'Clusters',
  'clusters.add': 'Add a cluster',
  'clusters.count': '{count} clusters',
  'clusters.filterStatus': 'Status',
  'clusters.allStatuses': 'All statuses',
  'clusters.empty': 'No cluster matches.',
  'clusters.remove': 'Remove',
  'clusters.removeTitle': 'Remove cluster {name}?',
  'clusters.removeText':
    'Portolan stops watching {name} and deletes what it stored about it. The cluster itself is not changed.',
  'clusters.removeConfirm': 'Remove {name}',
  'clusters.removed': 'Cluster {name} removed.',
  'add.title': 'Add a cluster',
  'add.kubeconfig': 'Kubeconfig',
  'add.kubeconfigHelp': 'Paste a kubeconfig file, or upload one.',
  'add.kubeconfigRequired': 'Paste or upload a kubeconfig',
  'add.upload': 'Upload a file',
  'add.readContexts': 'Read its contexts',
  'add.context': 'Context',
  'add.contextHelp': 'The context whose cluster and credentials Portolan uses.',
  'add.name': 'Name',
  'add.nameHelp': 'Lowercase letters, digits and dashes; used in URLs and the API.',
  'add.nameRequired': 'Give the cluster a name',
  'add.displayName': 'Display name',
  'add.description': 'Description',
  'add.labels': 'Labels',
  'add.labelsHelp': 'One key=value a line, e.g. env=prod',
  'add.labelsInvalid': 'Write each label as key=value, one a line',
  'add.submit': 'Test the connection and add',
  'add.added': 'Cluster {name} added.',
  'time.never': 'never',
  ...workloadsEn,
  ...serverErrorsEn,
  ...podsEn,
  ...releasesEn,
  ...appsEn,
  ...jobsEn,
  ...lifecycleEn,
  ...helmActionsEn,
  ...clusterEn,
  ...drainEn,
  ...editorEn,
  ...createEn,
  ...resourcesEn,
  ...searchEn,
  ...peopleEn,
  ...accountEn,
  ...auditEn,
  ...terminalsEn,
  ...signInEn,
  ...clustersEn,
  ...propagationsEn,
  ...multiClusterServicesEn,
  ...alertingEn,
  ...inspectionsEn,
  ...backupsEn,
  ...monitoringEn,
} as const;

export type MessageKey = keyof typeof en;
export type Dictionary = Record<MessageKey, string>;
