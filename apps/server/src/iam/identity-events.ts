/**
 * Tells whoever listens that a saved change may have taken access away from someone: a token
 * revoked, a session ended, a password changed, a user disabled or removed, a group or a binding
 * changed. Listeners re-check what they hold open. Only this replica's changes are heard here;
 * the access watch's timer catches the others'.
 */
export interface IdentityEvents {
  publish(): void;
  /** Returns the function that stops listening. */
  subscribe(listener: () => void): () => void;
}

export function createIdentityEvents(): IdentityEvents {
  const listeners = new Set<() => void>();
  return {
    publish() {
      for (const listener of listeners) {
        try {
          listener();
        } catch {
          // One broken listener must not keep the change from the others.
        }
      }
    },
    subscribe(listener) {
      const entry = () => listener();
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
  };
}
