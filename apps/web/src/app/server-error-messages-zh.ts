import type { serverErrorsEn } from './server-error-messages.ts';

/** 简体中文 for server-error-messages.ts, a chunk the console loads only for readers of Chinese. */
export const serverErrorsZhCN: Record<keyof typeof serverErrorsEn, string> = {
  'serverError.forbidden': '你无权在{scope}执行 {permission}；请向其管理员申请角色。',
  'serverError.clusterForbidden': '集群不允许你对{where} {kind}{name} 执行 {verb}。',
  'serverError.notFound': '未找到{where} {kind} {name}，它可能已被删除。',
  'serverError.clusterNotFound': '没有名为“{name}”的集群；可在“集群”页面查看全部集群。',
  'serverError.conflict': '{kind} {name} 在读取后已被修改；请重新加载后再次修改。',
  'serverError.unreachable': '集群 API 服务器 {server} 没有响应；请检查它是否在运行且可以访问。',
  'serverError.unauthenticated': '你尚未登录，或会话已结束；请重新登录。',
  'serverError.unknownField': '未知的{where}“{field}”：请删除它或检查拼写。',
  'serverError.oneOf': '{where}“{field}”必须是以下之一：{values}。',
  'serverError.invalidField': '{where}“{field}”无效。',
  'serverError.where.querystring': '查询参数',
  'serverError.where.params': '路径参数',
  'serverError.where.body': '字段',
  'serverError.scope.platform': '平台',
  'serverError.scope.anywhere': '任何范围',
  'serverError.scope.workspace': '工作空间 {workspace} ',
  'serverError.scope.cluster': '集群 {cluster} ',
  'serverError.scope.namespace': '集群 {cluster} 的命名空间 {namespace} ',
  'serverError.inNamespace': '命名空间 {namespace} 中的',
  'serverError.clusterWide': '整个集群中的',
};
