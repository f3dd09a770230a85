import type { clustersEn } from './messages.ts';
import { clusterReasonZhCN } from './reason-words-zh.ts';

/** 简体中文 for messages.ts, a chunk the console loads only for readers of Chinese. */
export const clustersZhCN: Record<keyof typeof clustersEn, string> = {
  ...clusterReasonZhCN,
  'clusters.test.button': '测试连接',
  'clusters.test.hint': '可选：保存时也会先测试连接。',
  'clusters.test.ok': '已连接到 {server}',
  'clusters.test.okWithWarnings': '已连接到 {server}，但有警告',
  'clusters.test.failed': '连接测试未通过',
  'clusters.test.where': '问题位于 kubeconfig 的 {field}',
  'clusters.test.context': '上下文',
  'clusters.test.version': 'Kubernetes 版本',
  'clusters.test.platform': '平台',
  'clusters.test.nodes': '节点数',
  'clusters.test.nodesUnknown': '未知：该凭据无权列出节点',
  'clusters.test.identity': '凭据身份',
  'clusters.test.identityUnknown': '服务器未提供',
  'clusters.test.groups': '所属组：{groups}',
  'clusters.test.expiry': '凭据到期',
  'clusters.test.expiryItem': '{kind}：{when}',
  'clusters.test.expiresAt': '{date}（{ago}）',
  'clusters.test.noExpiry': '未注明到期时间',
  'clusters.test.renewable': '自动续期',
  'clusters.test.kind.client-certificate': '客户端证书',
  'clusters.test.kind.token': '令牌',
  'clusters.test.kind.id-token': 'ID 令牌',
  'clusters.test.kind.exec': '凭据插件',
  'clusters.test.missingTitle': '同步将缺少 {count} 种资源类型',
  'clusters.test.missingText':
    '该凭据无权在所有命名空间中列出和监听以下资源，因此 Portolan 无法展示或搜索它们：',
  'clusters.test.warnings': '警告',
  'clusters.addedWithout': '已添加，但该凭据无权列出和监听：{resources}',
};
