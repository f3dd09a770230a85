import type { templateWordsEn } from './template-words.ts';

/** 简体中文 for template-words.ts. `{value}` is the alert's value as the English shows it. */
export const templateWordsZhCN: Record<keyof typeof templateWordsEn, string> = {
  'alerting.templateAlert.node-not-ready.summary': '集群 {cluster} 的节点 {node} 未就绪',
  'alerting.templateAlert.node-not-ready.description':
    '该节点的 Ready 状况不为 True：它上面的容器组可能无法运行或无法访问。',
  'alerting.templateAlert.pod-crash-looping.summary':
    '{cluster} 上的容器组 {namespace}/{pod} 反复崩溃（{container}）',
  'alerting.templateAlert.pod-crash-looping.description':
    '有容器在 CrashLoopBackOff 中等待，或在规则的时间窗口内重启次数超过规则设定的次数。',
  'alerting.templateAlert.workload-replicas-unavailable.summary':
    '{cluster} 上的 {workload_kind} {namespace}/{workload} 有 {value} 个副本不可用',
  'alerting.templateAlert.workload-replicas-unavailable.description': '可用副本少于工作负载要求的数量。',
  'alerting.templateAlert.cpu-over-threshold.summary': '{cluster} 的节点 {node} 已用掉可分配 CPU 的 {value}',
  'alerting.templateAlert.cpu-over-threshold.description':
    'CPU 使用量占节点可分配 CPU 的比例高于规则的阈值。',
  'alerting.templateAlert.memory-over-threshold.summary':
    '{cluster} 的节点 {node} 已用掉可分配内存的 {value}',
  'alerting.templateAlert.memory-over-threshold.description':
    '已用内存占节点可分配内存的比例高于规则的阈值。',
  'alerting.templateAlert.pvc-almost-full.summary':
    '{cluster} 上的存储卷声明 {namespace}/{persistentvolumeclaim} 已用 {value}',
  'alerting.templateAlert.pvc-almost-full.description':
    '已用字节占存储卷容量的比例高于规则的阈值（数据来自 kubelet）。',
  'alerting.templateAlert.certificate-expiring.summary':
    'Portolan 访问 {cluster} 所用的客户端证书将在 {value} 天后过期',
  'alerting.templateAlert.certificate-expiring.description':
    '请在它过期前替换该集群的 kubeconfig，否则 Portolan 将失去这个集群。',
  'alerting.templateAlert.credential-expiring.summary':
    'Portolan 访问 {cluster} 所用的 {kind} 将在 {value} 天后过期',
  'alerting.templateAlert.credential-expiring.description':
    '请在它过期前替换该集群的 kubeconfig，否则 Portolan 将失去这个集群。',
  'alerting.templateAlert.cluster-offline.summary': '集群 {cluster} 离线',
  'alerting.templateAlert.cluster-offline.description':
    'Portolan 无法连接该集群的 API 服务器。在它恢复应答之前，它的其他告警都被抑制。',
  'alerting.templateAlert.cluster-offline-built-in.summary': '集群 {cluster} 离线',
  'alerting.templateAlert.cluster-offline-built-in.description':
    '由 Portolan 创建：针对它无法连接的集群。请停用而不要删除这条规则。',
  'alerting.templateAlert.control-plane-errors.summary':
    '{cluster} 的 API 服务器以 5xx 答复了 {value} 的请求',
  'alerting.templateAlert.control-plane-errors.description':
    'API 服务器请求中因服务器错误而失败的比例高于阈值。',
  'alerting.templateDetail.expires': '将于 {at} 过期',
};
