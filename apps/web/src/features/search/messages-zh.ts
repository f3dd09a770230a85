import type { searchEn } from './messages.ts';

/** 简体中文 for messages.ts, a chunk the console loads only for readers of Chinese. */
export const searchZhCN: Record<keyof typeof searchEn, string> = {
  'search.nav': '搜索',
  'search.title': '搜索',
  'search.box': '搜索所有集群',
  'search.placeholder': '例如 pods app=web ns:shop name~api cluster:eu',
  'search.submit': '搜索',
  'search.start': '一次搜索所有集群：可指定资源类型、标签、命名空间、集群或名称的一部分。',
  'search.count': '在 {clusters} 个集群中找到 {count} 个',
  'search.countAbout': '在 {clusters} 个集群中找到约 {count} 个',
  'search.noneIn': '无结果的集群：',
  'search.nothing': '没有匹配项。请检查资源类型和筛选条件，或放宽条件。',
  'search.inCluster': '本页 {count} 个',
  'search.kind': '类型',
  'search.phase': '阶段',
  'search.help.button': '语法',
  'search.help.title': '搜索语法',
  'search.help.kinds': '资源类型：复数形式、Kind、简称（po、deploy、svc）或 复数.组',
  'search.help.kindList': '多个资源类型，用逗号分隔',
  'search.help.collections': '资源集合：workloads、network、config、storage、rbac',
  'search.help.label': '标签等于某个值',
  'search.help.labelNot': '标签不等于某个值（或不存在）',
  'search.help.labelIn': '标签是几个值之一（需加引号）',
  'search.help.labelHas': '存在该标签（!team 表示不存在）',
  'search.help.namespace': '限定命名空间（逗号分隔）',
  'search.help.cluster': '限定集群（逗号分隔）',
  'search.help.nameContains': '名称包含该文本',
  'search.help.name': '名称完全相同',
  'search.help.combine':
    '各项可任意组合，须同时满足。未指定资源类型时，搜索 Pod、工作负载、网络、配置和存储。',
};
