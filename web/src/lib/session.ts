/**
 * Who is signed in (GET /auth/session, /me or null), a query like any other: read again after every navigation and action
 * that changes balance or badges, and whenever the tab comes back.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, ApiError, onUnauthenticated, setCsrfToken, setSignedIn } from './api';
import { keys, queryClient } from './query';
import type { Me } from './types';

export type SessionStatus = 'loading' | 'anonymous' | 'member' | 'error';

export interface Session {
  status: SessionStatus;
  me: Me | null;
  error: ApiError | null;
  /** Reads /me again after a failed first load. */
  retry(): void;
}

/**
 * /me, or null when nobody is signed in. Read from /auth/session, which answers 200 either way, so a
 * logged-out page shows no failed request in the console.
 */
export const meQuery = queryOptions({
  queryKey: keys.me,
  queryFn: async ({ signal }): Promise<Me | null> => {
    let me: Me | null;
    try {
      me = (await api('get', '/auth/session', { signal, quiet401: true })).me;
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 'unauthenticated')) throw err;
      me = null;
    }
    setSignedIn(me !== null);
    return me;
  },
  refetchOnWindowFocus: true,
});

/** Forgets everything cached for the member who was signed in, so the next one never sees it. */
function forgetMember(): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== keys.me[0] });
  queryClient.setQueryData(keys.me, null);
}

// The server said the session is gone (expired, revoked, logged out in another tab).
onUnauthenticated(forgetMember);

export function useSession(): Session {
  const query = useQuery(meQuery);
  // A failed refresh keeps what was shown; only a failed first load is an error page.
  const status: SessionStatus = query.data ? 'member' : query.data === null ? 'anonymous' : query.isError ? 'error' : 'loading';
  return { status, me: query.data ?? null, error: query.error, retry: () => void query.refetch() };
}

/** The signed-in member; only for pages that are shown to members. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a member');
  return me;
}

/** After log-in or sign-up: the new member's session, and nothing cached from before. */
export async function signedIn(csrfToken: string): Promise<void> {
  setCsrfToken(csrfToken);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== keys.me[0] });
  await queryClient.refetchQueries({ queryKey: keys.me });
}

export async function logOut(): Promise<void> {
  try {
    await api('post', '/auth/logout');
  } finally {
    setCsrfToken(null);
    forgetMember();
  }
}
