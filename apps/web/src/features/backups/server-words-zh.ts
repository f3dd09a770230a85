import type { backupsServerEn } from './server-words.ts';

/** 简体中文 for server-words.ts. */
export const backupsServerZhCN: Record<keyof typeof backupsServerEn, string> = {
  'backups.reasonCode.crd-first': '其 CustomResourceDefinition {crd} 会先恢复',
  'backups.reasonCode.not-served':
    '集群未提供 {api} {resource}；请安装其 CustomResourceDefinition 或将其一并恢复',
  'backups.reasonCode.namespace-deleting': '目标中的命名空间 {namespace} 正在删除；请等待其删除完毕',
  'backups.reasonCode.target-unreadable': '无法读取目标：{error}',
  'backups.reasonCode.exists-update': '已存在；将按备份更新',
  'backups.reasonCode.exists-skip': '目标中已存在（已有对象：跳过）',
  'backups.failureCode.list-failed': '列出 {resource} 失败：{error}',
  'backups.failureCode.list-failed.namespace': '列出命名空间 {namespace} 中的 {resource} 失败：{error}',
  'backups.failureCode.read-failed': '读取失败：{error}',
  'backups.errorCode.backup-cancelled': '已取消；不完整的归档已删除',
  'backups.errorCode.restore-cancelled': '已取消；取消前已恢复的对象保留',
  'backups.errorCode.server-stopped': '运行它的服务器在完成前已停止；请重新运行',
};
