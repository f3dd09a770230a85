import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { ApiError } from '../api/client.ts';
import { api } from '../api/portolan.ts';
import { ErrorNotice } from './ErrorNotice.tsx';
import { Loading } from './Loading.tsx';

export const ME_QUERY = ['me'] as const;

/** Pages behind it need a session: without one the browser goes to sign-in and comes back after. */
export function RequireSession({ children }: { children: ReactNode }) {
  const location = useLocation();
  const me = useQuery({ queryKey: ME_QUERY, queryFn: api.me, staleTime: 60_000 });
  if (me.isPending) return <Loading />;
  if (me.error instanceof ApiError && me.error.status === 401) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.error) return <ErrorNotice error={me.error} onRetry={() => void me.refetch()} />;
  return children;
}
