import type { eventWordsEn } from './event-words.ts';

/** 简体中文 for event-words.ts. `{error}` is a failed delivery's error, itself worded where it can be. */
export const eventWordsZhCN: Record<keyof typeof eventWordsEn, string> = {
  'alerting.eventDetail.raised': '由 Portolan 发出',
  'alerting.eventDetail.resolved-by-portolan': '由 Portolan 解除',
  'alerting.eventDetail.condition-held': '条件成立；等待 {for}',
  'alerting.eventDetail.value': '值 {value}',
  'alerting.eventDetail.rule-removed': '它的规则已被删除',
  'alerting.eventDetail.rule-uncovered': '它的规则不再覆盖它',
  'alerting.eventDetail.condition-gone': '条件不再成立',
  'alerting.eventDetail.silenced': '静默 {silence}（{by} 创建）：{comment}',
  'alerting.eventDetail.unsilenced': '静默 {silence} 已结束',
  'alerting.eventDetail.inhibited': '集群 {cluster} 离线（告警 {alert}）',
  'alerting.eventDetail.uninhibited': '集群 {cluster} 恢复应答',
  'alerting.eventDetail.notified-firing': '已向 {receiver} 发送告警消息',
  'alerting.eventDetail.notified-resolved': '已向 {receiver} 发送恢复消息',
  'alerting.eventDetail.notify-failed': '{receiver}：{error}',
};
