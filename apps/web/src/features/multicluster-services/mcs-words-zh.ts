import type { mcsWordsEn } from './mcs-words.ts';

/** 简体中文 for mcs-words.ts. `{detail}` is Kubernetes' own message, kept as written. */
export const mcsWordsZhCN: Record<keyof typeof mcsWordsEn, string> = {
  'mcs.words.export.offline-kept': '自 {since} 起离线：其最后的端点保留到 {until}',
  'mcs.words.export.offline-dropped': '自 {since} 起离线：离开 {seconds} 秒后其端点已被移除',
  'mcs.words.export.no-service': '该集群上没有 Service {namespace}/{name}',
  'mcs.words.export.no-selector':
    '该集群上的 Service {namespace}/{name} 没有选择器：只有选择器选中的 Pod 才会被导出',
  'mcs.words.export.no-ready-pods': '没有就绪的 Pod',
  'mcs.words.import.forbidden': '集群 {cluster} 拒绝了 Portolan 自身的凭据：{detail}',
  'mcs.words.import.no-namespace': '集群 {cluster} 上：{detail}；请先在该集群上创建命名空间',
  'mcs.words.import.failed': '集群 {cluster} 上：{detail}',
  'mcs.words.import.not-ours':
    '集群 {cluster} 上已有一个不是本次导入创建的 {kind} {namespace}/{name}；Portolan 不会动它：请删除它，或另选 spec.importName',
  'mcs.words.import.no-exporter': '当前没有导出集群提供 Service {namespace}/{service}',
  'mcs.words.import.offline': '无法连接集群 {cluster}：导入保持原样，恢复连接后再同步到最新',
};
