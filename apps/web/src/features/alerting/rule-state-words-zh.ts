import type { ruleStateWordsEn } from './rule-state-words.ts';

/** 简体中文 for rule-state-words.ts. `{detail}` is the metrics engine's own text, kept as written. */
export const ruleStateWordsZhCN: Record<keyof typeof ruleStateWordsEn, string> = {
  'alerting.ruleState.cluster-offline': '集群 {cluster} 离线：在它恢复应答之前，其告警保持当前状态',
  'alerting.ruleState.no-engine':
    '没有运行中的指标引擎；基于指标的规则将等待它（Portolan 自带的模板仍然有效）',
  'alerting.ruleState.source-missing': '集群 {cluster} 不提供指标 {missing}',
  'alerting.ruleState.engine-unavailable': '指标引擎不可用：{detail}',
  'alerting.ruleState.query-refused': '指标引擎拒绝了该查询：{detail}',
  'alerting.ruleState.error': '{detail}',
};
