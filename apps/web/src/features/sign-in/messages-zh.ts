import type { signInEn } from './messages.ts';

/** 简体中文 for messages.ts, a chunk the console loads only for readers of Chinese. */
export const signInZhCN: Record<keyof typeof signInEn, string> = {
  'signIn.withProvider': '使用 {provider} 登录',
  'signIn.or': '或使用 Portolan 密码登录',
};
