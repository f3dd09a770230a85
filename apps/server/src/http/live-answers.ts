import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessProblem, AccessWatch } from '#server/iam/access-watch.ts';
import type { Caller } from '#server/iam/caller.ts';
import { IamError } from '#server/iam/iam-errors.ts';

/** The check every request passes before its handler (the access hook): it throws IamError to refuse. */
export type AdmitRequest = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export interface LiveAnswer {
  /** Ends the answer; `problem` says why, for protocols that can tell the caller. */
  end(problem: AccessProblem): void;
  /**
   * After the caller passed the route's check again: adjusts to what it may see now (a stream's
   * filter), or names a problem that ends the answer.
   */
  refresh?(caller: Caller): Promise<AccessProblem | undefined> | AccessProblem | undefined;
}

/** Long-lived answers of the REST API, kept to the access their caller still has. */
export interface LiveAnswers {
  /** Re-checks the request as the access hook checked it, until the returned function is called. */
  keep(request: FastifyRequest, reply: FastifyReply, answer: LiveAnswer): () => void;
}

const ENDED: AccessProblem = {
  code: 'unauthenticated',
  message:
    'your session or API token no longer counts (signed out, revoked, expired, password changed or user disabled): sign in again or use a live token',
};

/**
 * Each check runs the same access hook that admitted the request (the credential, the route's
 * declared permission in its scope), so a stream can never keep more than a new request would get.
 * Without a watch (route tests without identity) answers are not checked.
 */
export function createLiveAnswers(
  watch: AccessWatch | undefined,
  admit: AdmitRequest | undefined,
): LiveAnswers {
  return {
    keep(request, reply, answer) {
      if (!watch || !admit) return () => undefined;
      return watch.watch({
        async check() {
          try {
            await admit(request, reply);
          } catch (error) {
            if (error instanceof IamError && error.code === 'unauthenticated') return ENDED;
            if (error instanceof IamError && error.code === 'forbidden')
              return { code: 'forbidden', message: error.message };
            throw error;
          }
          return request.caller ? answer.refresh?.(request.caller) : undefined;
        },
        end: (problem) => answer.end(problem),
      });
    },
  };
}
