import type { drainEn } from './drain-messages.ts';

/** 简体中文 for drain-messages.ts, a chunk the console loads only for readers of Chinese. */
export const drainZhCN: Record<keyof typeof drainEn, string> = {
  'drain.running': '正在排空 {node}：下面实时显示每个容器组的状态。',
  'drain.concurrency': '同时最多驱逐的容器组数（留空则全部同时驱逐）',
  'drain.progress': '已处理 {handled} / {total} 个容器组',
  'drain.progressNone': '{node} 上没有需要驱逐的容器组。',
  'drain.retrying': '{count} 个暂被 PodDisruptionBudget 拒绝：每秒重试一次，直到超时。',
  'drain.stop': '停止',
  'drain.stopping': '正在停止…',
  'drain.stopText': '停止后不再驱逐其余容器组。已驱逐的容器组不会恢复，节点仍保持禁止调度。',
  'drain.stopped': '已停止排空 {node}。',
  'drain.stoppedCounts': '已删除 {gone} 个，正在终止 {terminating} 个，未驱逐 {left} 个',
  'drain.endedEarly': '排空 {node} 提前结束：{reason}',
  'drain.attempts': '第 {count} 次尝试',
  'drain.state': '状态',
  'drain.state.pending': '等待中',
  'drain.state.skipped': '保留',
  'drain.state.evicting': '驱逐中',
  'drain.state.evicted': '终止中',
  'drain.state.deleted': '已删除',
  'drain.state.blocked': '被阻止',
  'drain.state.failed': '失败',
  'drain.state.stopped': '未驱逐',
};
