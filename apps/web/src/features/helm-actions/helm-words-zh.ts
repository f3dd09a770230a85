import type { helmWordsEn } from './helm-words.ts';

/**
 * 简体中文 for helm-words.ts. `{detail}` is what helm, Kubernetes, the YAML parser or the repository
 * said, kept as written; names, paths, flags and helm's command names stay as they are.
 */
export const helmWordsZhCN: Record<keyof typeof helmWordsEn, string> = {
  'helmActions.error.helm-said': '{detail}',
  'helmActions.error.helm-silent': 'helm 执行失败，但没有给出原因',
  'helmActions.error.helm-stopped': 'helm 被终止（{signal}）',
  'helmActions.error.helm-not-started': '无法启动 helm：{detail}',
  'helmActions.error.helm-missing':
    '找不到 helm 程序：请把 PORTOLAN_HELM_BIN 设为 helm 4 程序，或构建沙箱程序（bash sandbox/build.sh，或让 PORTOLAN_SANDBOX_BIN 指向其目录），其中包含 helm',
  'helmActions.error.helm-missing-at':
    '在 {paths} 找不到 helm 程序：请把 PORTOLAN_HELM_BIN 设为 helm 4 程序，或构建沙箱程序（bash sandbox/build.sh，或让 PORTOLAN_SANDBOX_BIN 指向其目录），其中包含 helm',
  'helmActions.error.not-json': 'helm 的 {what} 不是 JSON；安装的是 helm 4 吗？',
  'helmActions.error.cancelled': '操作在 helm 完成之前已被取消',
  'helmActions.error.secrets-forbidden':
    '{detail}：helm 把 Release 存放在 Secret 中，而此角色无权在那里读取 Secret（查看者角色就不能）；GET /api/v1/helm/releases 可从 Portolan 的存储中列出 Release（不含其 values）',
  'helmActions.error.release-exists':
    '命名空间 "{namespace}" 中已有名为 "{name}" 的 Release（修订版本 {revision}，{status}）；请升级它（POST …/{namespace}/{name}/upgrade）或换一个名称',
  'helmActions.error.release-not-found':
    '集群 {cluster} 的命名空间 "{namespace}" 中没有名为 "{name}" 的 Release；请先安装它（POST /api/v1/clusters/{cluster}/helm/releases）',
  'helmActions.error.no-revision': 'Release "{name}" 没有修订版本 {revision}；它保留的修订版本为 {revisions}',
  'helmActions.error.release-pending':
    '命名空间 "{namespace}" 中的 Release "{name}" 因一次被中断的操作而处于 {status} 状态；请回滚到它最近一次部署成功的修订版本（POST …/rollback，修订版本取自 …/history）以清除该状态',
  'helmActions.error.operation-starting':
    '集群 {cluster} 命名空间 "{namespace}" 中的 Release "{name}" 上另一个 Helm 操作正在启动；请等待它结束',
  'helmActions.error.operation-running':
    '集群 {cluster} 命名空间 "{namespace}" 中的 Release "{name}" 正在执行 {operation}（作业 {job}，由 {user} 发起）；请等待它结束（GET /api/v1/jobs/{job}）或取消它',
  'helmActions.error.render-failed': '使用这些 values 无法渲染该 Chart：{detail}',
  'helmActions.error.values-not-yaml': '{field} 不是有效的 YAML：{detail}',
  'helmActions.error.values-not-yaml-line': '{field} 不是有效的 YAML（第 {line} 行）：{detail}',
  'helmActions.error.values-aliases': '{field} 展开 YAML 别名（*name）超过 {limit} 次；请直接写出这些值',
  'helmActions.error.values-not-mapping': '{field} 必须是 YAML 映射（key: value 形式的行）',
  'helmActions.error.values-schema': 'values 不符合该 Chart 的 values schema：{detail}',
  'helmActions.error.no-repository': '没有名为 "{repository}" 的 Chart 仓库',
  'helmActions.error.no-chart': '仓库 "{repository}" 中没有 Chart "{chart}"',
  'helmActions.error.no-chart-version': '仓库 "{repository}" 中没有 Chart "{chart}" 的版本 "{version}"',
  'helmActions.error.chart-fetch-failed': '从 "{repository}" 获取 {chart} {version} 失败：{detail}',
  'helmActions.error.hook-failed': '{hook} 钩子失败：{detail}',
  'helmActions.error.not-ready-in-time': '并非所有对象都在 {seconds} 秒内就绪：{detail}',
  'helmActions.error.chart-digest-mismatch':
    '来自 "{repository}" 的 {chart} {version} 与其索引给出的摘要不符（仓库更换了该包，或包在传输中损坏）：请刷新该仓库后重试',
};
