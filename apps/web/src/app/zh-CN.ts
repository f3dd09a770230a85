import { accountZhCN } from '../features/account/messages-zh.ts';
import { alertingZhCN } from '../features/alerting/messages-zh.ts';
import { appsZhCN } from '../features/apps/messages-zh.ts';
import { auditZhCN } from '../features/audit/messages-zh.ts';
import { backupsZhCN } from '../features/backups/messages-zh.ts';
import { drainZhCN } from '../features/cluster/drain-messages-zh.ts';
import { clusterZhCN } from '../features/cluster/messages-zh.ts';
import { clustersZhCN } from '../features/clusters/messages-zh.ts';
import { createZhCN } from '../features/create/messages-zh.ts';
import { editorZhCN } from '../features/editor/messages-zh.ts';
import { helmActionsZhCN } from '../features/helm-actions/messages-zh.ts';
import { inspectionsZhCN } from '../features/inspections/messages-zh.ts';
import { jobsZhCN } from '../features/jobs/messages-zh.ts';
import { lifecycleZhCN } from '../features/lifecycle/messages-zh.ts';
import { monitoringZhCN } from '../features/monitoring/messages-zh.ts';
import { multiClusterServicesZhCN } from '../features/multicluster-services/messages-zh.ts';
import { peopleZhCN } from '../features/people/messages-zh.ts';
import { podsZhCN } from '../features/pods/messages-zh.ts';
import { propagationsZhCN } from '../features/propagations/messages-zh.ts';
import { releasesZhCN } from '../features/releases/messages-zh.ts';
import { resourcesZhCN } from '../features/resources/messages-zh.ts';
import { searchZhCN } from '../features/search/messages-zh.ts';
import { signInZhCN } from '../features/sign-in/messages-zh.ts';
import { terminalsZhCN } from '../features/terminals/messages-zh.ts';
import { workloadsZhCN } from '../features/workloads/messages-zh.ts';
import type { Dictionary } from './en.ts';
import { serverErrorsZhCN } from './server-error-messages-zh.ts';

/** 简体中文. Every key of en.ts, translated (the type refuses a missing one). */
export const zhCN: Dictionary = {
  'app.name': 'Portolan',
  'app.tagline': '统一管理所有 Kubernetes 集群的控制台',
  'nav.overview': '总览',
  'nav.clusters': '集群',
  'shell.language': '语言',
  'shell.theme.light': '浅色主题',
  'shell.theme.dark': '深色主题',
  'shell.signOut': '退出登录',
  'shell.signedInAs': '当前用户：{user}',
  'common.loading': '加载中…',
  'common.retry': '重试',
  'common.cancel': '取消',
  'common.refresh': '刷新',
  'common.none': '无',
  'common.failed': '请求失败',
  'common.notFound': '此地址没有页面。',
  'common.backHome': '返回总览',
  'signIn.title': '登录 Portolan',
  'signIn.username': '用户名',
  'signIn.password': '密码',
  'signIn.submit': '登录',
  'signIn.usernameRequired': '请输入用户名',
  'signIn.passwordRequired': '请输入密码',
  'signIn.firstRunHint': '首次启动时，服务器会打印管理员的用户名和密码。',
  'overview.title': '总览',
  'overview.clusters': '集群',
  'overview.ready': '就绪',
  'overview.lastKnown': '最近已知',
  'overview.includesLastKnown': '含 {count} 个未就绪集群的最近已知数据',
  'overview.nodesReady': '就绪节点',
  'overview.pods': '容器组',
  'overview.cpuRequests': 'CPU 请求量',
  'overview.memoryRequests': '内存请求量',
  'overview.requestedOf': '{used}，可分配 {total}',
  'overview.perCluster': '各集群',
  'overview.podsByPhase': '容器组状态',
  'overview.problems': '问题',
  'overview.noProblems': '没有问题：所有集群均已就绪。',
  'overview.clusterOffline': '{cluster} 状态为{status}：{reason}',
  'overview.credentialWarning': '{cluster}：{warning}',
  'overview.namespacesOnly': '仅您的命名空间：{namespaces}',
  'overview.emptyTitle': '尚无集群',
  'overview.emptyText': '注册一个您运行的集群，或启动一个本地沙箱集群来试用 Portolan。',
  'overview.addCluster': '添加集群',
  'overview.createSandbox': '创建沙箱集群',
  'overview.sandboxDemo': '在沙箱中创建演示用的命名空间、工作负载、服务和存储',
  'overview.sandboxCreating': '正在启动名为 {name} 的沙箱集群，大约需要一分钟…',
  'overview.sandboxCreated': '沙箱集群 {name} 已运行并完成注册。',
  'cluster.name': '名称',
  'cluster.status': '状态',
  'cluster.version': '版本',
  'cluster.platform': '平台',
  'cluster.nodes': '节点',
  'cluster.labels': '标签',
  'cluster.server': 'API 服务器',
  'cluster.lastSeen': '最近联系',
  'cluster.latency': '延迟',
  'cluster.actions': '操作',
  'cluster.cpu': 'CPU',
  'cluster.memory': '内存',
  'status.Ready': '就绪',
  'status.Offline': '离线',
  'status.Unknown': '未知',
  'phase.Running': '运行中',
  'phase.Pending': '等待中',
  'phase.Succeeded': '已成功',
  'phase.Failed': '已失败',
  'phase.Unknown': '未知',
  'clusters.title': '集群',
  'clusters.add': '添加集群',
  'clusters.count': '共 {count} 个集群',
  'clusters.filterStatus': '状态',
  'clusters.allStatuses': '全部状态',
  'clusters.empty': '没有匹配的集群。',
  'clusters.remove': '移除',
  'clusters.removeTitle': '移除集群 {name}？',
  'clusters.removeText': 'Portolan 将停止监视 {name} 并删除为其保存的数据。集群本身不会被更改。',
  'clusters.removeConfirm': '移除 {name}',
  'clusters.removed': '已移除集群 {name}。',
  'add.title': '添加集群',
  'add.kubeconfig': 'Kubeconfig 文件',
  'add.kubeconfigHelp': '粘贴 kubeconfig 文件内容，或上传文件。',
  'add.kubeconfigRequired': '请粘贴或上传 kubeconfig',
  'add.upload': '上传文件',
  'add.readContexts': '读取其上下文',
  'add.context': '上下文',
  'add.contextHelp': 'Portolan 使用该上下文中的集群和凭据。',
  'add.name': '名称',
  'add.nameHelp': '小写字母、数字和短横线；用于网址和 API。',
  'add.nameRequired': '请为集群命名',
  'add.displayName': '显示名称',
  'add.description': '描述',
  'add.labels': '标签',
  'add.labelsHelp': '每行一个“键=值”，例如 env=prod',
  'add.labelsInvalid': '每个标签写作“键=值”，每行一个',
  'add.submit': '测试连接并添加',
  'add.added': '已添加集群 {name}。',
  'time.never': '从未',
  ...workloadsZhCN,
  ...serverErrorsZhCN,
  ...podsZhCN,
  ...releasesZhCN,
  ...appsZhCN,
  ...jobsZhCN,
  ...lifecycleZhCN,
  ...helmActionsZhCN,
  ...clusterZhCN,
  ...drainZhCN,
  ...editorZhCN,
  ...createZhCN,
  ...resourcesZhCN,
  ...searchZhCN,
  ...peopleZhCN,
  ...accountZhCN,
  ...auditZhCN,
  ...terminalsZhCN,
  ...signInZhCN,
  ...clustersZhCN,
  ...propagationsZhCN,
  ...multiClusterServicesZhCN,
  ...alertingZhCN,
  ...inspectionsZhCN,
  ...backupsZhCN,
  ...monitoringZhCN,
};
