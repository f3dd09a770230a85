/** The two databases Portolan stores in; migrations and stores shape their SQL by it. */
export type SqlDialect = 'sqlite' | 'postgres';
