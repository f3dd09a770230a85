export const signInEn = {
  'signIn.withProvider': 'Sign in with {provider}',
  'signIn.or': 'or with a Portolan password',
} as const;
