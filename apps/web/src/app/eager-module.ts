/**
 * A lazily loaded page whose code can be asked for early (as the console's first script runs). Once
 * `preload` has brought it, `loader` hands it to React.lazy through a thenable that calls back at once,
 * which React takes in the same render: a Promise, even a settled one, calls back a turn later, so
 * React would suspend, show the fallback and then hold the page back for 300 ms (React 19 throttles
 * revealing a fallback's content).
 */
export function eagerModule<M>(load: () => Promise<M>): { preload(): Promise<M>; loader(): Promise<M> } {
  let loaded: M | undefined;
  const preload = () =>
    load().then((module) => {
      loaded = module;
      return module;
    });
  return {
    preload,
    loader() {
      if (!loaded) return preload();
      const module = loaded;
      // biome-ignore lint/suspicious/noThenProperty: React.lazy takes any thenable; this one calls back at once.
      const settled = { then: (resolve: (value: M) => void) => resolve(module) };
      return settled as unknown as Promise<M>;
    },
  };
}
