/** Who is signed in (GET /me), kept fresh after every action and whenever the tab comes back. */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError, onUnauthenticated, setCsrfToken } from './api';
import type { Me } from './types';

export type SessionStatus = 'loading' | 'anonymous' | 'member' | 'error';

export interface Session {
  status: SessionStatus;
  me: Me | null;
  error: ApiError | null;
  /** Reads /me again (balance, badges, features). */
  refresh(): Promise<void>;
  /** After log-in or sign-up. */
  signedIn(csrfToken: string): Promise<void>;
  logOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);

  const refresh = useCallback(() => {
    inFlight.current ??= api<Me>('GET', '/me', { quiet401: true })
      .then(
        (value) => {
          setMe(value);
          setError(null);
          setStatus('member');
        },
        (err: unknown) => {
          if (err instanceof ApiError && err.code === 'unauthenticated') {
            setMe(null);
            setStatus('anonymous');
            return;
          }
          // A failed refresh keeps what was shown; only a failed first load is an error page.
          setError(err instanceof ApiError ? err : new ApiError(0, 'unexpected', String(err)));
          setStatus((current) => (current === 'member' ? current : 'error'));
        },
      )
      .finally(() => {
        inFlight.current = null;
      });
    return inFlight.current;
  }, []);

  useEffect(() => {
    void refresh();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    const stop = onUnauthenticated(() => {
      setMe(null);
      setStatus('anonymous');
    });
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      stop();
    };
  }, [refresh]);

  const signedIn = useCallback(
    async (csrfToken: string) => {
      setCsrfToken(csrfToken);
      await refresh();
    },
    [refresh],
  );

  const logOut = useCallback(async () => {
    try {
      await api('POST', '/auth/logout');
    } finally {
      setCsrfToken(null);
      setMe(null);
      setStatus('anonymous');
    }
  }, []);

  const value = useMemo(() => ({ status, me, error, refresh, signedIn, logOut }), [status, me, error, refresh, signedIn, logOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in member; only for pages that are shown to members. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a member');
  return me;
}
