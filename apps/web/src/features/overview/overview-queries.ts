import { api } from '../../api/portolan.ts';

/** What the overview asks the API; its page and the first load's early start (first-load.ts) ask the same. */
export const overviewQueries = {
  clusters: { queryKey: ['clusters'], queryFn: api.clusters },
  summary: { queryKey: ['summary'], queryFn: api.summary },
} as const;
