import type { findingWordsEn } from './finding-words.ts';

type ItemKey = Extract<
  keyof typeof findingWordsEn,
  `inspections.why.${string}` | `inspections.fix.${string}`
>;

/** 简体中文 for each item's why (what goes wrong) and fix (what to do), packages/api's INSPECTION_ITEM_WORDS. */
export const itemWordsZhCN: Record<ItemKey, string> = {
  'inspections.why.component-health':
    'API 服务器应答每一个请求，调度器和控制器管理器负责对集群采取行动；其中任何一个不健康时，容器组就不再被调度或修复。',
  'inspections.fix.component-health':
    '查看消息中指出的未通过的检查（kubectl get --raw "/readyz?verbose"），再查看该组件自己的日志；Lease 过期说明调度器或控制器管理器没有在运行。',
  'inspections.why.etcd-health': 'etcd 保存着整个集群的状态；API 服务器无法连接它时，所有写入都会失败。',
  'inspections.fix.etcd-health':
    '检查 etcd 成员的健康状况和磁盘空间（etcdctl endpoint health），以及 API 服务器的 --etcd-servers 参数。',
  'inspections.why.certificate-expiry': '过期的客户端证书会被 API 服务器拒绝：Portolan 将因此失去该集群。',
  'inspections.fix.certificate-expiry':
    '签发新证书，并在 Portolan 中替换该集群的 kubeconfig（集群 → 该集群 → 替换 kubeconfig）。',
  'inspections.why.credential-expiry': '过期的令牌会被拒绝，Portolan 将因此失去该集群。',
  'inspections.fix.credential-expiry':
    '创建新令牌（或使用带有可自动续期的 exec 插件的 kubeconfig），并在 Portolan 中替换该集群的 kubeconfig。',
  'inspections.why.version-skew':
    '比 API 服务器更新的 kubelet，或落后的次版本数超过 Kubernetes 支持范围的 kubelet，行为不可预测。',
  'inspections.fix.version-skew': '先升级控制平面，再升级节点，每次升级一个次版本。',
  'inspections.why.deprecated-apis':
    '仍有客户端在使用即将发布的 Kubernetes 版本会移除的 API 版本；升级后这些请求将会失败。',
  'inspections.fix.deprecated-apis':
    '找到该客户端（API 服务器的审计日志中有其名称），并把它的清单迁移到替代版本（kubectl convert 可以帮忙）。',
  'inspections.why.requests-vs-allocatable':
    '当容器组请求的资源接近节点能提供的全部资源时，新建或重新调度的容器组会一直处于 Pending 状态。',
  'inspections.fix.requests-vs-allocatable': '增加节点，或调低远高于容器组实际用量的资源请求。',
  'inspections.why.node-conditions': '未就绪的节点不再接收新的容器组，其上的容器组在一段时间后会被驱逐。',
  'inspections.fix.node-conditions':
    '查看节点的状况和事件（kubectl describe node），再检查其 kubelet 和容器运行时。',
  'inspections.why.node-heartbeat':
    'kubelet 每隔几秒续约一次其节点 Lease；Lease 过旧说明 kubelet 已停止，或无法连接 API 服务器。',
  'inspections.fix.node-heartbeat': '确认 kubelet 在该节点上运行，且该节点能够连接 API 服务器。',
  'inspections.why.node-pressure': '在内存、磁盘或进程号压力下，kubelet 会驱逐容器组并拒绝新的容器组。',
  'inspections.fix.node-pressure':
    '释放节点上的磁盘空间或内存，或把工作负载迁到别处；设置资源请求，让调度器能看到负载。',
  'inspections.why.node-pod-capacity': '接近容器组数量上限的节点无法接收接下来调度给它的容器组。',
  'inspections.fix.node-pod-capacity': '增加节点，或使用拓扑分布约束来分散工作负载。',
  'inspections.why.node-usage': '几乎用尽 CPU 或内存的节点会拖慢其上的容器组，甚至开始终止它们。',
  'inspections.fix.node-usage': '把工作负载迁离该节点，为最重的容器组设置限制，或增加节点。',
  'inspections.why.pod-not-running': '已失败或其容器无法启动的容器组无法提供服务。',
  'inspections.fix.pod-not-running':
    '查看容器组的事件和容器的上一个状态（kubectl describe pod），再查看其日志。',
  'inspections.why.pod-restarts': '反复重启的容器正在崩溃：在它们恢复期间请求会失败。',
  'inspections.fix.pod-restarts':
    '查看上一个容器的日志（kubectl logs --previous）及其退出原因；退出原因为 OOMKilled 时需要更多内存。',
  'inspections.why.pod-pending': '一直处于 Pending 的容器组永远不会运行；调度器会说明原因。',
  'inspections.fix.pod-pending':
    '根据调度器给出的原因处理：增加容量，放宽节点选择器、亲和性或污点，或绑定其存储卷。',
  'inspections.why.image-latest':
    '没有标签或标签为 latest 的镜像会在你不知情时变化：同一工作负载的两个容器组可能运行不同的代码，回滚也回不到原来的版本。',
  'inspections.fix.image-latest': '把镜像固定到一个版本标签或摘要（image@sha256:…）。',
  'inspections.why.missing-requests-limits':
    '没有资源请求，调度器就无法合理地放置容器组；没有资源限制，一个容器就可能耗尽邻居的资源。',
  'inspections.fix.missing-requests-limits':
    '为每个容器设置 CPU 和内存的 resources.requests（以及 limits）。',
  'inspections.why.missing-probes':
    '没有就绪探针，流量会在容器就绪前到达；没有存活探针，卡死的容器永远不会被重启。',
  'inspections.fix.missing-probes': '为长期运行的容器添加 readinessProbe 和 livenessProbe。',
  'inspections.why.privileged-containers': '特权容器拥有节点的全部权限：一个被攻破的容器就能控制整个节点。',
  'inspections.fix.privileged-containers':
    '去掉 securityContext.privileged；只授予容器所需的能力（capabilities）。',
  'inspections.why.root-containers': '以 root 运行的容器一旦逃逸，就成了节点上的 root。',
  'inspections.fix.root-containers':
    '设置 securityContext.runAsNonRoot: true 和非零的 runAsUser，并让镜像以普通用户运行。',
  'inspections.why.single-replica-no-pdb':
    '只有一个副本且没有 PodDisruptionBudget 的工作负载，在其节点被排空时就会中断服务。',
  'inspections.fix.single-replica-no-pdb':
    '运行两个或更多副本，并添加 PodDisruptionBudget（minAvailable: 1）。',
  'inspections.why.pvc-pending-lost':
    '一直处于 Pending 的声明会阻塞挂载它的容器组；处于 Lost 的声明已经失去其存储卷中的数据。',
  'inspections.fix.pvc-pending-lost':
    '对于 Pending：检查 StorageClass 及其供应程序（kubectl describe pvc）。对于 Lost：从备份恢复存储卷。',
  'inspections.why.service-no-endpoints': '选择器匹配不到任何就绪容器组的服务会拒绝每一个连接。',
  'inspections.fix.service-no-endpoints': '让选择器与容器组的标签相匹配，并确认这些容器组已就绪。',
  'inspections.why.job-failing': '失败的任务无法完成其工作；CronJob 失败的执行会不断堆积。',
  'inspections.fix.job-failing': '查看失败容器组的日志；修复原因或任务的命令，然后重新运行。',
  'inspections.why.unused-configmaps':
    '没有任何对象引用的 ConfigMap 是杂物，也常常说明某个工作负载读取了错误的 ConfigMap。',
  'inspections.fix.unused-configmaps':
    '如果集群外也没有用到它，就删除它；或者用注解 portolan.dev/inspection-exempt: unused-configmaps 豁免它。',
  'inspections.why.unused-secrets': '没有任何对象引用的 Secret 是无故保留的凭据：又多了一个可能泄露的东西。',
  'inspections.fix.unused-secrets':
    '如果集群外也没有用到它，就删除它；或者用注解 portolan.dev/inspection-exempt: unused-secrets 豁免它。',
};
