import type { endWordsEn } from './end-words.ts';

/** 简体中文 for end-words.ts. Flag names, cluster and replica names and `{detail}` stay as written. */
export const endWordsZhCN: Record<keyof typeof endWordsEn, string> = {
  'terminals.end.exit': 'Shell 已结束',
  'terminals.end.closed': '你结束了此终端',
  'terminals.end.idle': '{minutes} 分钟内没有输入（空闲超时，{flag}）；请打开新终端继续',
  'terminals.end.idle-seconds': '{seconds} 秒内没有输入（空闲超时，{flag}）；请打开新终端继续',
  'terminals.end.revoked': '你的访问已结束；请重新登录后打开新终端',
  'terminals.end.revoked-user': '你的访问已结束（用户被停用或删除，或终端的令牌被吊销）',
  'terminals.end.revoked-cluster': '你已不能再通过 Portolan 访问集群 {cluster}',
  'terminals.end.detached': '{minutes} 分钟内没有浏览器连接（{flag}）',
  'terminals.end.detached-seconds': '{seconds} 秒内没有浏览器连接（{flag}）',
  'terminals.end.server-stopping': '运行它的 Portolan 副本正在停止；请打开新终端',
  'terminals.end.replica-lost': '运行它的 Portolan 副本已停止应答',
  'terminals.end.failed': '终端无法启动',
  'terminals.refusal.not-found':
    '你没有打开的终端 {id}；可用 GET /api/v1/terminals 列出你的终端，或在某个集群上打开一个',
  'terminals.refusal.other-replica':
    '终端 {id} 运行在 Portolan 副本 {replica} 上，而不是当前副本（{here}）：请连到那个副本（负载均衡器上的会话保持），或打开新终端',
  'terminals.refusal.too-many-per-user':
    '你已打开 {limit} 个终端，这是单个用户的上限（{flag}）：先结束一个（在其中输入 exit，或 DELETE /api/v1/terminals/:id），再重新打开',
  'terminals.refusal.too-many-per-replica':
    '此 Portolan 副本已运行 {limit} 个终端，达到其上限（{flag}）：结束一个你的终端，或等其他终端结束后再试',
  'terminals.refusal.unavailable': '此服务器无法运行 Web 终端：{detail}',
  'terminals.refusal.could-not-start': '终端无法启动：{detail}',
};
