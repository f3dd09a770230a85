import type { raisedWordsEn } from './raised-words.ts';

/** 简体中文 for raised-words.ts. `{error}` is the last delivery's error, itself worded where it can be. */
export const raisedWordsZhCN: Record<keyof typeof raisedWordsEn, string> = {
  'alerting.raised.delivery-failing.summary': '发往通知接收者 {receiver} 的通知持续失败',
  'alerting.raised.delivery-failing.description':
    '已连续 {failures} 次发送失败；最近一次的错误：{error}。请在“通知接收者”中检查它（发送测试会显示错误）及其发送记录。',
  'alerting.raised.delivery-failing-since.summary': '发往通知接收者 {receiver} 的通知持续失败',
  'alerting.raised.delivery-failing-since.description':
    '自 {since} 起已连续 {failures} 次发送失败；最近一次的错误：{error}。请在“通知接收者”中检查它（发送测试会显示错误）及其发送记录。',
};
