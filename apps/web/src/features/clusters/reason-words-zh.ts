import type { clusterReasonEn } from './reason-words.ts';

/** 简体中文 for reason-words.ts. */
export const clusterReasonZhCN: Record<keyof typeof clusterReasonEn, string> = {
  'clusterReason.offline': '集群离线：{reason}',
  'clusterReason.unreachable': '无法连接 API 服务器 {address}：{cause}。请检查服务器地址以及集群是否在运行。',
  'clusterReason.timeout': '无法连接 API 服务器 {address}：连接超时。请检查服务器地址以及集群是否在运行。',
  'clusterReason.timeout.step': '请求 API 服务器 {address} 超时：时限在{step}时耗尽。{hint}。',
  'clusterReason.tls-untrusted':
    'API 服务器 {address} 出示的证书不是由 kubeconfig 中的证书颁发机构签发的（{systemCode}），CA 与该集群不符。请在 certificate-authority-data 中使用该集群自己的 CA。',
  'clusterReason.tls-name-mismatch':
    'API 服务器 {address} 的证书对访问它所用的名称无效（{detail}）。请使用证书中列出的服务器地址，或将 tls-server-name 设为证书中的某个名称。',
  'clusterReason.tls-server-certificate-expired':
    'API 服务器 {address} 自身的证书{state}，需要集群管理员续期（或双方时钟不一致）。',
  'clusterReason.tls-client-certificate-rejected':
    'API 服务器 {address} 在 TLS 握手时拒绝了客户端证书（{systemCode}）。请为该集群获取有效的客户端证书。',
  'clusterReason.tls-handshake':
    '与 {address} 的 TLS 握手失败（{detail}）。请检查服务器 URL 是否为 API 服务器的 https 地址。',
  'clusterReason.proxy':
    '代理（proxy-url）无法建立到 API 服务器 {address} 的隧道。请检查 kubeconfig 中的 proxy-url 以及代理是否应答。',
  'clusterReason.credentials':
    '发往 API 服务器 {address} 的请求头含有 HTTP 不允许的字符（{detail}）。请检查 kubeconfig 用户的 token、as、as-groups 和 as-user-extra。',
  'clusterReason.credentials-failed': '无法获取访问 API 服务器的凭据：{detail}',
  'clusterReason.unauthorized':
    'API 服务器不接受这些凭据（/readyz 返回 {status}）。请为该集群获取有效凭据，并替换它的 kubeconfig。',
  'clusterReason.forbidden':
    'API 服务器不允许 kubeconfig 中的用户读取其健康状态（/readyz 返回 {status}）。请允许该用户对 /readyz 执行 get（system:public-info-viewer 角色即可）。',
  'clusterReason.not-ready': 'API 服务器尚未就绪（/readyz 返回 {status}：{detail}）',
  'clusterReason.credentials-unopenable': '无法打开存储的凭据：{detail}',
  'clusterReason.error': '{detail}',
  'clusterReason.cause.ECONNREFUSED': '连接被拒绝（那里没有服务在监听，或被防火墙拒绝）',
  'clusterReason.cause.ENOTFOUND': '主机名无法解析',
  'clusterReason.cause.EAI_AGAIN': '主机名暂时无法解析（DNS 没有应答）',
  'clusterReason.cause.EHOSTUNREACH': '没有通往该主机的路由',
  'clusterReason.cause.ENETUNREACH': '网络不可达',
  'clusterReason.cause.ECONNRESET': '连接被重置',
  'clusterReason.cause.EPIPE': '连接已被关闭',
  'clusterReason.cause.ETIMEDOUT': '连接超时',
  'clusterReason.step.credentials': '获取凭据（exec 插件或令牌文件）',
  'clusterReason.step.proxy': '代理（proxy-url）建立隧道',
  'clusterReason.step.connect': '建立 TCP 连接',
  'clusterReason.step.tls': 'TLS 握手',
  'clusterReason.step.first-byte': '等待应答的第一个字节',
  'clusterReason.step.body': '读取应答',
  'clusterReason.hint.credentials': '请检查 exec 插件在 Portolan 服务器上运行时能否迅速应答',
  'clusterReason.hint.proxy': '请检查 kubeconfig 中的 proxy-url 以及代理是否应答',
  'clusterReason.hint.connect': '请检查服务器地址，并确认防火墙没有丢弃连接',
  'clusterReason.hint.tls': '请检查服务器地址是否为 API 服务器的 https 地址，以及服务器是否已停止响应',
  'clusterReason.hint.first-byte': 'API 服务器接受了连接却没有应答，可能已停止响应或负载过高',
  'clusterReason.hint.body': 'API 服务器发送到一半就停止了，可能负载过高',
  'clusterReason.certificate.CERT_HAS_EXPIRED': '已过期',
  'clusterReason.certificate.CERT_NOT_YET_VALID': '尚未生效',
};
