/**
 * `make` run at most once while it succeeds: every caller shares its promise. A failure is not kept,
 * so the next call tries again (bubblewrap installed meanwhile, a build finished).
 */
export function rememberedUntilFailure<T>(make: () => Promise<T>): () => Promise<T> {
  let kept: Promise<T> | undefined;
  return () => {
    kept ??= make().catch((error: unknown) => {
      kept = undefined;
      throw error;
    });
    return kept;
  };
}
