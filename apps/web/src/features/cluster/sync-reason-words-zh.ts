import type { syncReasonEn } from './sync-reason-words.ts';

/** 简体中文 for sync-reason-words.ts. */
export const syncReasonZhCN: Record<keyof typeof syncReasonEn, string> = {
  'syncReason.unauthorized':
    'API 服务器不接受该凭据（对 {verb} 答复 401）；请获取该集群的最新凭据，并替换集群的 kubeconfig。',
  'syncReason.forbidden':
    'kubeconfig 的用户无权对这些资源执行 {verb}（API 服务器答复 403）；请在集群的 RBAC 中授予它对这些资源的 list 和 watch 权限，否则 Portolan 无法显示它们。',
  'syncReason.forbidden.discovery':
    'kubeconfig 的用户无权读取 API 服务器提供的资源（{resource} 答复 403）；请授予它对发现路径的 get 权限（system:discovery 角色即有此权限）。',
  'syncReason.not-found':
    'API 服务器已不再提供这些资源（对 {verb} 答复 404）：其 CRD 或 API 已被移除。Portolan 将在下次发现时停止同步它们。',
  'syncReason.api-error': 'API 服务器对 {verb} 答复 {status}（{reason}）：{detail}',
  'syncReason.store-failed': 'Portolan 的存储未能保存读取到的数据：{detail}。请检查数据库的剩余空间和连接。',
  'syncReason.discovery-incomplete':
    '部分 API 无法发现：{apis}。在它们响应之前，其资源不会同步（例如 metrics.k8s.io 这类聚合 API 可能已停止）。',
  'syncReason.error': '{detail}',
  'syncReason.ofResource': '{resource}：{reason}',
};
