export const signInEn = {
  'signIn.withProvider': 'Sign in with {provider}',
  'signIn.or': 'or with a Portolan password',
} as const;

export const signInZhCN: Record<keyof typeof signInEn, string> = {
  'signIn.withProvider': '使用 {provider} 登录',
  'signIn.or': '或使用 Portolan 密码登录',
};
