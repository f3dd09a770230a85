import type { eventReasonEn, propagationWordsEn } from './propagation-words.ts';

/**
 * 简体中文 for propagation-words.ts. `{detail}` is a member cluster's or Kubernetes' own text, or a
 * reason the console words itself (a cluster's reason, another code of this list).
 */
export const propagationWordsZhCN: Record<keyof typeof propagationWordsEn, string> = {
  'propagations.words.reason.offline': '{detail}',
  'propagations.words.reason.offline-unsaid': '健康探测判定该集群离线',
  'propagations.words.reason.unreachable': '无法连接该集群',
  'propagations.words.reason.waiting-connection': '正在等待 Portolan 连接该集群',
  'propagations.words.reason.suspended': '已暂停：不应用也不删除任何对象',
  'propagations.words.reason.no-cluster': '未注册名为 {cluster} 的集群',
  'propagations.words.reason.source-missing': 'spec.source.cluster：未注册名为“{source}”的集群',
  'propagations.words.reason.source-unreachable':
    '当前无法连接源集群 {source}；在能连接之前，不应用也不删除任何对象',
  'propagations.words.reason.source-failed':
    '读取源集群 {source} 失败：{detail}；在能读取之前，不应用也不删除任何对象',
  'propagations.words.reason.override-failed': 'spec.overrides[{override}]：{detail}',
  'propagations.words.reason.author-disabled':
    '最近保存此多集群应用的用户 {user} 已被停用；请由有权在此写入的用户重新保存',
  'propagations.words.reason.author-gone':
    '最近保存此多集群应用的用户 {user} 已不存在；请由有权在此写入的用户重新保存',
  'propagations.words.reason.author-namespace':
    '最近保存此多集群应用的用户 {user} 无权写入集群 {cluster} 的命名空间 {namespace}（resources:write）；可由管理员授权，或由有权限的用户重新保存',
  'propagations.words.reason.author-cluster':
    '最近保存此多集群应用的用户 {user} 无权写入集群 {cluster}（resources:write）；可由管理员授权，或由有权限的用户重新保存',
  'propagations.words.reason.member-refused': '成员集群拒绝：{detail}',
  'propagations.words.reason.drifted': '已被他人修改：{fields}',
  'propagations.words.preview.cannot-read-cluster':
    '你无权读取集群 {cluster}；请向它的管理员申请角色，才能在那里预览或下发',
  'propagations.words.preview.may-not-read-namespace':
    '你无权读取集群 {cluster} 的命名空间 {namespace}（resources:read）；请缩小下发范围，或向那里的管理员申请角色',
  'propagations.words.preview.may-not-read-cluster':
    '你无权读取集群 {cluster}（resources:read）；请缩小下发范围，或向那里的管理员申请角色',
  'propagations.words.preview.may-not-write-namespace':
    '你无权写入集群 {cluster} 的命名空间 {namespace}（resources:write）；请缩小下发范围，或向那里的管理员申请角色',
  'propagations.words.preview.may-not-write-cluster':
    '你无权写入集群 {cluster}（resources:write）；请缩小下发范围，或向那里的管理员申请角色',
  'propagations.words.preview.no-longer-rendered': 'Portolan 曾在此应用它，而文档已不再生成它',
  'propagations.words.preview.no-connection':
    '集群“{cluster}”没有打开的连接（{detail}）；请用 PUT /api/v1/clusters/{cluster}/kubeconfig 替换它的 kubeconfig',
  'propagations.words.preview.no-client':
    'Portolan 没有集群 {cluster} 的客户端，因此无法显示它的任何内容：{detail}',
  'propagations.words.refusal.forbidden-user-namespace':
    '{user} 无权在命名空间“{namespace}”中对 {object} 执行 {verb}：缺少命名空间“{namespace}”中“{resource}”的“{verb}”权限',
  'propagations.words.refusal.forbidden-user-cluster':
    '{user} 无权在整个集群范围内对 {object} 执行 {verb}：缺少集群范围内“{resource}”的“{verb}”权限',
  'propagations.words.refusal.forbidden-namespace':
    '你无权在命名空间“{namespace}”中对 {object} 执行 {verb}：缺少命名空间“{namespace}”中“{resource}”的“{verb}”权限',
  'propagations.words.refusal.forbidden-cluster':
    '你无权在整个集群范围内对 {object} 执行 {verb}：缺少集群范围内“{resource}”的“{verb}”权限',
  'propagations.words.refusal.unauthorized': '集群不接受这些凭据（{detail}）；它们可能已过期',
  'propagations.words.refusal.invalid': '{object} 无效：\n{fields}',
  'propagations.words.refusal.no-namespace': '命名空间“{namespace}”不存在',
  'propagations.words.refusal.not-found': '{object} 不存在',
  'propagations.words.refusal.changed': '{object} 在读取之后已被修改（{detail}）；请从当前版本重新开始',
  'propagations.words.refusal.unknown-kind':
    '该集群不提供资源类型“{kind}”；`kubectl api-resources` 会列出它提供的类型',
  'propagations.words.refusal.unknown-kind-suggested':
    '该集群不提供资源类型“{kind}”；你是否指的是 {suggestions}？',
  'propagations.words.override.no-container':
    '覆盖规则 {override}：{object} 中没有名为“{container}”的容器；请填写它的某个容器名，或用覆盖规则的“resource”将其限定到其他对象',
  'propagations.words.override.json-patch': '覆盖规则 {override} 对 {object} 的 JSON 补丁：{detail}',
  'propagations.words.override.not-object': '覆盖规则 {override}：JSON 补丁使 {object} 不再是一个对象',
  'propagations.words.patch.not-pointer': '“{pointer}”不是 JSON 指针：它必须为空或以“/”开头',
  'propagations.words.patch.bad-escape': '“{pointer}”中的“~”既不是“~0”（表示 ~）也不是“~1”（表示 /）',
  'propagations.words.patch.not-index': '路径 {pointer}：“{token}”不是该处数组的下标',
  'propagations.words.patch.past-end': '路径 {pointer}：下标 {index} 超出末尾（长度为 {length}）',
  'propagations.words.patch.no-path': '路径 {pointer} 不存在',
  'propagations.words.patch.parent-not-container': '路径 {pointer}：其上级既不是对象也不是数组',
  'propagations.words.patch.remove-whole': '不能删除整个对象',
  'propagations.words.patch.needs-field': '位于 {pointer} 的“{op}”操作需要“{field}”',
  'propagations.words.patch.move-into-child': '“move”不能把 {from} 移到它自己的子路径 {pointer}',
  'propagations.words.patch.test-failed': '“test”未通过：{pointer} 不是 {value}',
  'propagations.words.patch.unknown-op': '“{op}”不是 JSON 补丁操作',
  'propagations.words.warning.unknown-cluster':
    '{field}：没有已注册的集群名为“{cluster}”；在有这样的集群之前，那里什么也不会发生（请检查拼写）',
  'propagations.words.warning.nothing-to-propagate':
    'spec：没有指定要下发的内容；请添加 spec.templates，或同时添加 spec.resources 与 spec.source',
  'propagations.words.warning.failover-duplicated':
    'spec.failover：在 Duplicated 放置方式下，每个集群都已运行全部副本，故障迁移无可迁移；请将 spec.placement.replicas.mode 设为 Weighted 或 Capacity',
  'propagations.words.event.cluster-offline':
    '无法连接集群 {cluster}：{detail}；其上的对象保持不变，恢复连接前不会删除任何对象',
  'propagations.words.event.cluster-back': '集群 {cluster} 已恢复连接；正在应用',
  'propagations.words.event.nothing-applied': '未应用也未删除任何对象：{detail}',
  'propagations.words.event.apply-failed': '成员集群拒绝应用：{detail}',
  'propagations.words.event.forbidden': '{detail}',
  'propagations.words.event.drift-repaired': '在 {cluster} 上被他人修改；已按下发的内容恢复：{fields}',
  'propagations.words.event.remade': '在 {cluster} 上被他人删除；已按下发的内容重新创建',
  'propagations.words.event.applied': '版本 {generation} 已应用到 {cluster}（{count} 个对象）',
  'propagations.words.event.cleaned-up': '已从 {cluster} 删除：它由 Portolan 创建，且此多集群应用不再下发它',
  'propagations.words.event.left-strangers':
    '保留在 {cluster} 上并移除了 Portolan 的标签：其中有不是 Portolan 放入的对象（{objects}），删除它会一并删除这些对象',
  'propagations.words.event.left-strangers-more':
    '保留在 {cluster} 上并移除了 Portolan 的标签：其中有不是 Portolan 放入的对象（{objects} 等，另有 {more} 个），删除它会一并删除这些对象',
  'propagations.words.event.left-remade':
    '保留在 {cluster} 上并移除了 Portolan 的标签：它后来被他人重新创建，不归 Portolan 删除',
  'propagations.words.event.left-preexisting':
    '保留在 {cluster} 上并移除了 Portolan 的标签：Portolan 应用它之前它就已存在，不归 Portolan 删除',
  'propagations.words.event.failover-moved':
    '{workload} 的 {replicas} 个副本从 {from} 迁移到 {to}：{from} 已离线 {seconds} 秒，超过 {grace} 秒的宽限期',
  'propagations.words.event.failover-again':
    '{workload} 的 {replicas} 个副本从 {from} 迁移到 {to}：{from} 再次离线，而其副本仍在别处运行',
  'propagations.words.event.failback-moved':
    '{workload} 的 {replicas} 个副本从 {from} 迁回 {to}：{to} 已恢复，其 {share} 个副本中有 {ready} 个就绪',
};

/** 简体中文 for an event's reason. */
export const eventReasonZhCN: Record<keyof typeof eventReasonEn, string> = {
  'propagations.eventReason.Applied': '已应用',
  'propagations.eventReason.ApplyFailed': '应用失败',
  'propagations.eventReason.DriftRepaired': '已修复偏移',
  'propagations.eventReason.CleanedUp': '已清理',
  'propagations.eventReason.LeftInPlace': '原样保留',
  'propagations.eventReason.FailoverMoved': '故障迁移',
  'propagations.eventReason.FailbackMoved': '迁回',
  'propagations.eventReason.Forbidden': '无权限',
  'propagations.eventReason.ClusterOffline': '集群离线',
  'propagations.eventReason.ClusterBack': '集群恢复',
};
