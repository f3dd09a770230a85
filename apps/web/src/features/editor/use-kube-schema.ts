import { useQueries } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { editorApi } from './editor-api.ts';
import { groupVersionOf, kubeJsonSchema, type TypeRef } from './openapi-schema.ts';
import { typesOf } from './yaml-text.ts';

/** The value after it has stayed the same for `ms`: typing does not parse the text at every key. */
export function useSettled<T>(value: T, ms = 400): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export interface KubeSchema {
  /** The JSON schema for monaco-yaml; undefined while loading or when no kind is described. */
  schema: object | undefined;
  /** The documents' types, and whether the cluster described each. */
  types: (TypeRef & { described: boolean })[];
  loading: boolean;
}

/**
 * The schema a YAML text is checked against: each document's kind as the given cluster's own OpenAPI
 * describes it (fetched per group version, kept five minutes like the server keeps it).
 */
export function useKubeSchema(cluster: string | undefined, text: string): KubeSchema {
  const settled = useSettled(text);
  const typesKey = useMemo(() => {
    const seen = new Map(typesOf(settled).map((type) => [`${type.apiVersion} ${type.kind}`, type]));
    return JSON.stringify([...seen.values()]);
  }, [settled]);
  const types = useMemo(() => JSON.parse(typesKey) as TypeRef[], [typesKey]);
  const groupVersions = [...new Set(types.map((type) => type.apiVersion))].map(groupVersionOf);
  const documents = useQueries({
    queries: groupVersions.map(({ group, version }) => ({
      queryKey: ['openapi', cluster, group, version],
      queryFn: () => editorApi.openapi(cluster ?? '', group, version),
      enabled: Boolean(cluster),
      staleTime: 5 * 60_000,
      retry: false,
    })),
  });
  const loaded = documents.flatMap((query) => (query.data ? [query.data] : []));
  const loadedKey = loaded
    .map((document) => `${document.group}/${document.version}@${document.fetchedAt}`)
    .join();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the documents change only with their key
  const schema = useMemo(() => kubeJsonSchema(loaded, types), [loadedKey, types]);
  const described = (type: TypeRef) => {
    const { group, version } = groupVersionOf(type.apiVersion);
    return loaded.some((document) =>
      document.kinds.some(
        (kind) => kind.group === group && kind.version === version && kind.kind === type.kind,
      ),
    );
  };
  return {
    schema,
    types: types.map((type) => ({ ...type, described: described(type) })),
    loading: documents.some((query) => query.isLoading),
  };
}
