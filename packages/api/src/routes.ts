import { TOKEN_ROUTES } from './account-tokens.ts';
import { ALERTING_ROUTES } from './alerting.ts';
import { applyAnswer, previewAnswer } from './apply.ts';
import { auditPage, auditQuery } from './audit.ts';
import { BACKUP_ROUTES } from './backups.ts';
import { clusterList, clusterListQuery, connectionFacts, kubeconfigCheckBody } from './clusters.ts';
import { CRD_ROUTES } from './crds.ts';
import { drainBody, drainReport } from './drain.ts';
import { errorResponse, kubeObject } from './errors.ts';
import { HELM_CATALOGUE_ROUTES } from './helm-catalogue.ts';
import { HELM_OPERATION_ROUTES } from './helm-operations.ts';
import { storedReleaseList, storedReleaseQuery, storedRevisionList } from './helm-releases.ts';
import { INSPECTION_ROUTES } from './inspections.ts';
import { jobDetail, jobListQuery, jobPage, jobRecord } from './jobs.ts';
import { LIFECYCLE_ROUTES } from './lifecycle.ts';
import { memberOpenApi } from './member-openapi.ts';
import { MONITORING_ENGINE_ROUTES, MONITORING_QUERY_ROUTES } from './monitoring.ts';
import { NOTIFICATION_ROUTES } from './notifications.ts';
import {
  groupList,
  groupListQuery,
  roleBindingList,
  roleBindingListQuery,
  userList,
  userListQuery,
  workspaceList,
  workspaceListQuery,
} from './people.ts';
import { PROPAGATION_ROUTES } from './propagations.ts';
import { replicaList } from './replicas.ts';
import { revisionList, rolloutStatus } from './rollouts.ts';
import { searchAnswer, searchQuery } from './search.ts';
import {
  terminalFile,
  terminalFileList,
  terminalHistoryPage,
  terminalHistoryQuery,
  terminalOpenBody,
  terminalSession,
  terminalSessionList,
} from './terminals.ts';
import { workloadSpecSchema } from './workload-spec-schema.ts';
import {
  autoscaler,
  autoscalerAnswer,
  autoscalerSettings,
  revisionDiff,
  rollbackAnswer,
  scaleAnswer,
  workloadView,
} from './workloads.ts';

/** What one route takes and answers; the OpenAPI document must say the same (api-contract.test.ts). */
export interface RouteContract {
  querystring?: object;
  body?: object;
  /** By status; `4xx` and `5xx` cover every failure. */
  response: Record<string, object>;
}

/** Success answers plus the error shape for every 4xx and 5xx. */
const answers = (ok: Record<number, object>) => ({ ...ok, '4xx': errorResponse, '5xx': errorResponse });

const workload = '/api/v1/clusters/:cluster/workloads/:kind/:namespace/:name';

/** Every route this package describes, by `METHOD url` as the server registers it. */
export const API_ROUTES: Record<string, RouteContract> = {
  'GET /api/v1/search': { querystring: searchQuery, response: answers({ 200: searchAnswer }) },
  'GET /api/v1/clusters': { querystring: clusterListQuery, response: answers({ 200: clusterList }) },
  'POST /api/v1/kubeconfig/check': { body: kubeconfigCheckBody, response: answers({ 200: connectionFacts }) },
  'GET /api/v1/replicas': { response: answers({ 200: replicaList }) },
  'GET /api/v1/users': { querystring: userListQuery, response: answers({ 200: userList }) },
  'GET /api/v1/groups': { querystring: groupListQuery, response: answers({ 200: groupList }) },
  'GET /api/v1/workspaces': { querystring: workspaceListQuery, response: answers({ 200: workspaceList }) },
  'GET /api/v1/rolebindings': {
    querystring: roleBindingListQuery,
    response: answers({ 200: roleBindingList }),
  },
  'POST /api/v1/clusters/:cluster/workloads': {
    body: workloadSpecSchema,
    response: answers({ 200: kubeObject, 201: kubeObject }),
  },
  [`GET ${workload}/rollout`]: { response: answers({ 200: rolloutStatus }) },
  [`GET ${workload}/revisions`]: { response: answers({ 200: revisionList }) },
  [`GET ${workload}`]: { response: answers({ 200: workloadView }) },
  [`GET ${workload}/revisions/diff`]: { response: answers({ 200: revisionDiff }) },
  [`POST ${workload}/rollback`]: { response: answers({ 200: rollbackAnswer }) },
  [`POST ${workload}/scale`]: { response: answers({ 200: scaleAnswer }) },
  [`GET ${workload}/autoscaler`]: { response: answers({ 200: autoscalerAnswer }) },
  [`PUT ${workload}/autoscaler`]: { body: autoscalerSettings, response: answers({ 200: autoscaler }) },
  'GET /api/v1/audit': { querystring: auditQuery, response: answers({ 200: auditPage }) },
  'GET /api/v1/jobs': { querystring: jobListQuery, response: answers({ 200: jobPage }) },
  'GET /api/v1/jobs/:id': { response: answers({ 200: jobDetail }) },
  'POST /api/v1/jobs/:id/cancel': { response: answers({ 200: jobRecord }) },
  'GET /api/v1/helm/releases': {
    querystring: storedReleaseQuery,
    response: answers({ 200: storedReleaseList }),
  },
  'GET /api/v1/clusters/:cluster/helm/releases/:namespace/:name/revisions': {
    response: answers({ 200: storedRevisionList }),
  },
  'POST /api/v1/clusters/:cluster/apply': { response: answers({ 200: applyAnswer }) },
  'POST /api/v1/clusters/:cluster/apply/preview': { response: answers({ 200: previewAnswer }) },
  'GET /api/v1/clusters/:cluster/openapi/:group/:version': { response: answers({ 200: memberOpenApi }) },
  'POST /api/v1/clusters/:cluster/nodes/:name/drain': {
    body: drainBody,
    response: answers({ 200: drainReport }),
  },
  ...HELM_CATALOGUE_ROUTES,
  ...HELM_OPERATION_ROUTES,
  ...PROPAGATION_ROUTES,
  ...NOTIFICATION_ROUTES,
  ...INSPECTION_ROUTES,
  ...LIFECYCLE_ROUTES,
  ...BACKUP_ROUTES,
  ...TOKEN_ROUTES,
  ...CRD_ROUTES,
  ...ALERTING_ROUTES,
  ...MONITORING_QUERY_ROUTES,
  ...MONITORING_ENGINE_ROUTES,
  'POST /api/v1/clusters/:cluster/terminals': {
    body: terminalOpenBody,
    response: answers({ 201: terminalSession }),
  },
  'GET /api/v1/terminals': { response: answers({ 200: terminalSessionList }) },
  'GET /api/v1/terminals/history': {
    querystring: terminalHistoryQuery,
    response: answers({ 200: terminalHistoryPage }),
  },
  'GET /api/v1/terminals/:id': { response: answers({ 200: terminalSession }) },
  'GET /api/v1/terminals/:id/files': { response: answers({ 200: terminalFileList }) },
  'PUT /api/v1/terminals/:id/files/content': { response: answers({ 200: terminalFile }) },
};
