import type { findingWordsEn } from './finding-words.ts';

type ItemKey = `inspections.why.${string}` | `inspections.fix.${string}`;

/**
 * 简体中文 for what each finding code says and why a run failed (finding-words.ts); the values in braces
 * are names, counts and Kubernetes' own text, shown as they are.
 */
export const findingWordsZhCN: Record<Exclude<keyof typeof findingWordsEn, ItemKey>, string> = {
  'inspections.finding.skip.not-synced': 'Portolan 未从该集群同步 {kind}（集群未提供，或无权列出）',
  'inspections.finding.skip.not-synced-yet': '{kind} 尚未同步完成',
  'inspections.finding.skip.sync-failed': '{kind} 尚未同步完成：{detail}',
  'inspections.finding.skip.cluster-offline': '集群 {cluster} 处于 {status} 状态：无法评判其对象',
  'inspections.finding.skip.cluster-offline.reason':
    '集群 {cluster} 处于 {status} 状态（{detail}）：无法评判其对象',
  'inspections.finding.skip.cluster-unreachable': '集群 {cluster} 处于 {status} 状态；无法执行实时检查',
  'inspections.finding.skip.cluster-unreachable.reason':
    '集群 {cluster} 处于 {status} 状态（{detail}）；无法执行实时检查',
  'inspections.finding.skip.read-not-served': '该集群未提供 {path}',
  'inspections.finding.skip.read-forbidden': 'Portolan 无权读取该集群的 {path}（forbidden）：{detail}',
  'inspections.finding.skip.read-unavailable': '该集群的 {path} 暂不可用：{detail}',
  'inspections.finding.skip.read-timeout': '无法读取 {path}：{ms} 毫秒内没有答复',
  'inspections.finding.skip.read-failed': '无法读取 {path}：{detail}',
  'inspections.finding.skip.some-namespaces': '该配置只巡检部分命名空间，而非整个集群',
  'inspections.finding.skip.references-unseen': '无法看到全部引用：{detail}',
  'inspections.finding.component-health.check-failed': 'API 服务器的 {path} 检查 {check} 未通过：{detail}',
  'inspections.finding.component-health.check-failed.no-reason':
    'API 服务器的 {path} 检查 {check} 未通过：未给出原因',
  'inspections.finding.component-health.no-lease':
    '{component} 没有持有 leader Lease（它未启用 leader 选举，或根本没有运行）：无法从这里读取其健康状况',
  'inspections.finding.component-health.lease-stale':
    '{component} 的 Lease 上次续约在 {seconds} 秒前（超过 {limit} 秒）：它已停止运行',
  'inspections.finding.component-health.lease-never': '{component} 的 Lease 从未续约',
  'inspections.finding.etcd-health.no-check': 'API 服务器的 /readyz 中没有 etcd 检查',
  'inspections.finding.etcd-health.failed': 'API 服务器无法连接 etcd（/readyz {check}：{detail}）',
  'inspections.finding.etcd-health.failed.no-reason': 'API 服务器无法连接 etcd（/readyz {check} 未通过）',
  'inspections.finding.certificate-expiry.expired':
    'Portolan 的 {credential}（{field}）已于 {expiresAt} 过期',
  'inspections.finding.certificate-expiry.expiring':
    'Portolan 的 {credential}（{field}）将于 {expiresAt} 过期，还剩 {days} 天',
  'inspections.finding.credential-expiry.expired': 'Portolan 的 {credential}（{field}）已于 {expiresAt} 过期',
  'inspections.finding.credential-expiry.expiring':
    'Portolan 的 {credential}（{field}）将于 {expiresAt} 过期，还剩 {days} 天',
  'inspections.finding.version-skew.api-unknown': 'API 服务器的版本尚不可知（集群尚未被探测）',
  'inspections.finding.version-skew.newer': 'kubelet（{kubelet}）比 API 服务器（{apiServer}）更新',
  'inspections.finding.version-skew.behind':
    'kubelet（{kubelet}）落后 API 服务器（{apiServer}）{behind} 个次版本；最多支持落后 {most} 个',
  'inspections.finding.version-skew.kubelets-unknown': '{count} 个节点未报告可比较的 kubelet 版本（{nodes}）',
  'inspections.finding.deprecated-apis.requested':
    '自 API 服务器启动以来，有请求使用了 {api} 中的 {resource}；Kubernetes {release} 将移除它',
  'inspections.finding.requests-vs-allocatable.cpu':
    '容器组请求的 CPU 占可调度节点可分配 CPU 的 {percent}%（超过 {limit}%）',
  'inspections.finding.requests-vs-allocatable.memory':
    '容器组请求的内存占可调度节点可分配内存的 {percent}%（超过 {limit}%）',
  'inspections.finding.node-conditions.no-ready': '节点没有 Ready 状况：其 kubelet 从未上报过',
  'inspections.finding.node-conditions.not-ready': '节点未就绪（{status}）：{detail}',
  'inspections.finding.node-conditions.not-ready.no-reason': '节点未就绪（{status}）：未给出原因',
  'inspections.finding.node-heartbeat.no-lease':
    '节点在 kube-node-lease 中没有 Lease：其 kubelet 从未发送心跳',
  'inspections.finding.node-heartbeat.stale':
    'kubelet 的上次心跳（其 Lease）在 {seconds} 秒前（超过 {limit} 秒）',
  'inspections.finding.node-pressure.condition': '{condition}：{detail}',
  'inspections.finding.node-pressure.condition.no-reason': '{condition}：未给出原因',
  'inspections.finding.node-pod-capacity.some-namespaces':
    '该配置只巡检部分命名空间，因此无法得知每个节点上的全部容器组',
  'inspections.finding.node-pod-capacity.over':
    '节点上有 {running} 个容器组，最多允许 {capacity} 个（超过 {limit}%）',
  'inspections.finding.node-usage.cpu': '节点已使用其可分配 CPU 的 {percent}%（超过 {limit}%）',
  'inspections.finding.node-usage.memory': '节点已使用其可分配内存的 {percent}%（超过 {limit}%）',
  'inspections.finding.pod-not-running.phase': '容器组处于 {phase} 状态',
  'inspections.finding.pod-not-running.phase-detail': '容器组处于 {phase} 状态：{detail}',
  'inspections.finding.pod-not-running.waiting': '容器在等待启动：{containers}',
  'inspections.finding.pod-restarts.restarts': '容器已重启 {restarts} 次（超过 {threshold} 次）',
  'inspections.finding.pod-restarts.restarts-exit':
    '容器已重启 {restarts} 次（超过 {threshold} 次）；上次退出原因：{exit}',
  'inspections.finding.pod-pending.unschedulable': '已等待 {minutes} 分钟；调度器的说明：{detail}',
  'inspections.finding.pod-pending.not-started': '已等待 {minutes} 分钟；已调度，但其容器尚未启动',
  'inspections.finding.image-latest.floating': '容器使用的镜像没有固定版本：{images}',
  'inspections.finding.missing-requests-limits.absent': '容器缺少资源设置：{missing}',
  'inspections.finding.missing-probes.absent': '容器缺少探针：{missing}',
  'inspections.finding.privileged-containers.privileged': '容器以特权模式运行：{containers}',
  'inspections.finding.root-containers.user-0': '容器以用户 0（root）运行：{containers}',
  'inspections.finding.root-containers.unset':
    '容器既未设置 runAsNonRoot 也未设置 runAsUser，因此以镜像的用户运行，通常是 root：{containers}',
  'inspections.finding.root-containers.both':
    '容器以用户 0（root）运行：{root}；容器既未设置 runAsNonRoot 也未设置 runAsUser，因此以镜像的用户运行，通常是 root：{unset}',
  'inspections.finding.single-replica-no-pdb.unguarded':
    '{kind} 只运行 1 个副本，且没有 PodDisruptionBudget 覆盖其容器组',
  'inspections.finding.pvc-pending-lost.lost': '该声明已丢失（Lost）：其存储卷 {volume} 已不存在',
  'inspections.finding.pvc-pending-lost.pending': '该声明已等待 {seconds} 秒（存储类 {storageClass}）',
  'inspections.finding.pvc-pending-lost.pending-no-class': '该声明已等待 {seconds} 秒（没有存储类）',
  'inspections.finding.service-no-endpoints.none-ready':
    '没有就绪的端点：没有就绪的容器组匹配选择器 {selector}',
  'inspections.finding.job-failing.failed': '该任务失败：{detail}',
  'inspections.finding.job-failing.pods-failed': '其容器组已有 {failed} 个失败（重试上限 {backoffLimit}）',
  'inspections.finding.unused-configmaps.unreferenced':
    '集群中没有任何对象引用它：没有容器组或工作负载模板、ServiceAccount 或 Ingress 提到它',
  'inspections.finding.unused-secrets.unreferenced':
    '集群中没有任何对象引用它：没有容器组或工作负载模板、ServiceAccount 或 Ingress 提到它',
  'inspections.runError.run.cluster-gone': '集群 {cluster} 已不再注册',
  'inspections.runError.run.stopped': '执行本次巡检的服务器在其结束前停止了；请重新执行',
  'inspections.runError.run.error': '{detail}',
};
