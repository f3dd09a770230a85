/**
 * The console's words for why a cluster is not Ready, by the codes of packages/api's
 * cluster-reasons.ts (issue #10). English comes from here too, so both languages come from one table;
 * a code without words here shows the server's English (cluster-reason.test.ts fails on such a code).
 */
export const clusterReasonEn = {
  'clusterReason.offline': 'cluster is Offline: {reason}',
  // By code
  'clusterReason.unreachable':
    'the API server at {address} is unreachable: {cause}. Check the server address and that the cluster is running.',
  'clusterReason.timeout':
    'the API server at {address} is unreachable: the connection timed out. Check the server address and that the cluster is running.',
  'clusterReason.timeout.step': 'a request to the API server at {address} ran out of time {step}; {hint}',
  'clusterReason.tls-untrusted':
    "the API server at {address} presented a certificate that the kubeconfig's certificate authority did not sign ({systemCode}): the CA does not match this cluster. Use the cluster's own CA in certificate-authority-data.",
  'clusterReason.tls-name-mismatch':
    "the API server's certificate at {address} is not valid for the name used to reach it ({detail}). Use a server address the certificate names, or set tls-server-name to one of its names.",
  'clusterReason.tls-server-certificate-expired':
    "the API server's own certificate at {address} is {state}; the cluster's administrator has to renew it (or the clocks differ).",
  'clusterReason.tls-client-certificate-rejected':
    'the API server at {address} rejected the client certificate during the TLS handshake ({systemCode}); get a current client certificate for this cluster.',
  'clusterReason.tls-handshake':
    "the TLS handshake with {address} failed ({detail}); check that the server URL is the API server's https address.",
  'clusterReason.proxy':
    'the proxy (proxy-url) could not open a tunnel to the API server at {address}. Check proxy-url in the kubeconfig and that the proxy answers.',
  'clusterReason.credentials':
    "a header for the API server at {address} holds characters HTTP does not allow ({detail}); check the token, as, as-groups and as-user-extra of the kubeconfig's user.",
  'clusterReason.credentials-failed': 'the credentials for the API server could not be had: {detail}',
  'clusterReason.unauthorized':
    "the API server did not accept the credentials (/readyz answered {status}); get current credentials for this cluster and replace the cluster's kubeconfig.",
  'clusterReason.forbidden':
    "the API server forbids the kubeconfig's user to read its health (/readyz answered {status}); allow it get on /readyz (the system:public-info-viewer role does).",
  'clusterReason.not-ready': 'the API server is not ready (/readyz answered {status}: {detail})',
  'clusterReason.credentials-unopenable': 'cannot open its stored credentials: {detail}',
  'clusterReason.error': '{detail}',
  // Why an unreachable API server could not be reached (systemCode)
  'clusterReason.cause.ECONNREFUSED': 'connection refused (nothing listens there, or a firewall rejects it)',
  'clusterReason.cause.ENOTFOUND': 'the host name does not resolve',
  'clusterReason.cause.EAI_AGAIN': 'the host name could not be resolved (DNS is not answering)',
  'clusterReason.cause.EHOSTUNREACH': 'no route to the host',
  'clusterReason.cause.ENETUNREACH': 'the network is unreachable',
  'clusterReason.cause.ECONNRESET': 'the connection was reset',
  'clusterReason.cause.EPIPE': 'the connection was closed',
  'clusterReason.cause.ETIMEDOUT': 'the connection timed out',
  // Where a request's time ran out (step), and what to check
  'clusterReason.step.credentials': 'while getting the credentials (an exec plugin or a token file)',
  'clusterReason.step.proxy': 'while the proxy (proxy-url) opened a tunnel to it',
  'clusterReason.step.connect': 'while connecting (TCP)',
  'clusterReason.step.tls': 'during the TLS handshake',
  'clusterReason.step.first-byte': 'waiting for the first byte of its answer',
  'clusterReason.step.body': 'while reading its answer',
  'clusterReason.hint.credentials':
    'check that the exec plugin answers quickly when run on the Portolan server',
  'clusterReason.hint.proxy': 'check proxy-url in the kubeconfig and that the proxy answers',
  'clusterReason.hint.connect': 'check the server address and that a firewall does not drop the connection',
  'clusterReason.hint.tls':
    "check that the server address is the API server's https address and that it is not frozen",
  'clusterReason.hint.first-byte':
    'the API server accepted the connection but does not answer: it may be frozen or overloaded',
  'clusterReason.hint.body': 'the API server stopped sending halfway: it may be overloaded',
  // The state of an API server's own certificate (systemCode CERT_HAS_EXPIRED or CERT_NOT_YET_VALID)
  'clusterReason.certificate.CERT_HAS_EXPIRED': 'expired',
  'clusterReason.certificate.CERT_NOT_YET_VALID': 'not yet valid',
} as const;
