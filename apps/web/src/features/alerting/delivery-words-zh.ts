import type { deliveryWordsEn } from './delivery-words.ts';

/** 简体中文 for delivery-words.ts. `{detail}` is what the other end (or Node) said, kept as written. */
export const deliveryWordsZhCN: Record<keyof typeof deliveryWordsEn, string> = {
  'alerting.deliveryError.no-answer': '{where} 在 {seconds} 秒内没有应答',
  'alerting.deliveryError.refused': '{where} 拒绝了连接：那里没有服务在监听',
  'alerting.deliveryError.unknown-host': '{where} 不是已知的主机名（DNS 查询失败）',
  'alerting.deliveryError.closed': '{where} 关闭了连接',
  'alerting.deliveryError.tls-failed': '与 {where} 的 TLS 握手失败：{detail}',
  'alerting.deliveryError.send-failed': '发送到 {where} 失败：{detail}',
  'alerting.deliveryError.answered': '{where} 答复 {status}',
  'alerting.deliveryError.answered-body': '{where} 答复 {status}：{detail}',
  'alerting.deliveryError.robot-refused': '{where} 拒绝了消息：错误码 {code}',
  'alerting.deliveryError.robot-refused-message': '{where} 拒绝了消息：错误码 {code}，{detail}',
  'alerting.deliveryError.smtp-auth-failed': '{where} 的 SMTP 认证失败',
  'alerting.deliveryError.smtp-auth-failed-reply': '{where} 的 SMTP 认证失败：{detail}',
  'alerting.deliveryError.smtp-connect-failed': '连接 {where} 失败：{detail}',
  'alerting.deliveryError.smtp-envelope-refused': '{where} 拒绝了发件人或收件人',
  'alerting.deliveryError.smtp-envelope-refused-reply': '{where} 拒绝了发件人或收件人：{detail}',
  'alerting.deliveryError.smtp-send-failed': '通过 {where} 发送邮件失败：{detail}',
  'alerting.deliveryError.no-smtp': '该接收方没有 SMTP 设置',
  'alerting.deliveryError.no-url': '该接收方没有 URL',
  'alerting.deliveryError.no-receiver':
    '没有名为 {receiver} 的通知接收者：请创建它，或把它从通知策略 {policy} 中去掉',
};
