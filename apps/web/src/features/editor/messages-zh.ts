import type { editorEn } from './messages.ts';

/** 简体中文 for messages.ts, a chunk the console loads only for readers of Chinese. */
export const editorZhCN: Record<keyof typeof editorEn, string> = {
  'editor.label': 'YAML',
  'editor.diffLabel': '变更',
  'editor.loading': '正在加载编辑器…',
  'editor.schemaChecked': '已按 {cluster} 自身的 Schema 校验：{kinds}',
  'editor.schemaLoading': '正在读取 {cluster} 的 Schema…',
  'editor.schemaMissing': '{cluster} 未提供 {kinds} 的 Schema，应用时由集群校验',
  'editor.review': '查看变更',
  'editor.reset': '放弃修改',
  'editor.unchanged': '无需应用：集群中的对象不会有任何变化。',
  'editor.reviewTitle': '{name} 的变更',
  'editor.reviewHint': '左侧为当前对象，右侧为集群试运行（dry run）返回的应用后对象。',
  'editor.apply': '应用',
  'editor.applyForce': '强制应用并接管这些字段',
  'editor.takeOver': '接管这些字段并查看变更',
  'editor.back': '返回编辑',
  'editor.applied': '已应用 {name}。',
  'editor.refused': '集群拒绝了此次变更',
  'editor.conflict':
    '其中部分字段由其他字段管理器（kubectl、控制器或表单）管理。可接管这些字段，或将其改回原值。',
  'editor.line': '第 {line} 行：{message}',
  'editor.warnings': '集群返回的警告',
};
