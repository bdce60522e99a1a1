/** Log-in and sign-up. Both return to `?next=` (a path inside the app) afterwards. */
import { type FormEvent, useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { api } from '../lib/api';
import { useTitle } from '../lib/hooks';
import { describeError } from '../lib/messages';
import { signedIn, useSession } from '../lib/session';

/** Only a path of this app: never another site (`//evil.example`). */
export function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}

function withParams(path: string, params: Record<string, string>): string {
  const search = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v !== '/'));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

function useAuthForm() {
  const [search] = useSearchParams();
  const { status } = useSession();
  const next = safeNext(search.get('next'));
  const [email, setEmail] = useState(search.get('email') ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Logs in or signs up with `request`, then reads the new session. */
  const submit = async (request: () => Promise<{ csrfToken: string }>) => {
    setBusy(true);
    setError(null);
    try {
      await signedIn((await request()).csrfToken);
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  };
  // Signed in (now, or already): on to where the member was going.
  const done = status === 'member' ? <Navigate to={next} replace /> : null;
  return { next, email, setEmail, error, busy, submit, done };
}

export function LoginPage() {
  useTitle('Log in');
  const { next, email, setEmail, error, busy, submit, done } = useAuthForm();
  const [password, setPassword] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(() => api('post', '/auth/login', { body: { email, password } }));
  };
  if (done) return done;
  return (
    <div className="auth-page">
      <h1 tabIndex={-1}>Log in to Rapport</h1>
      <form className="card form" onSubmit={onSubmit} noValidate={false}>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <label className="field">
          <span>E-mail address</span>
          <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="field">
          <span>Password</span>
          <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button type="submit" className="button primary wide" disabled={busy} aria-busy={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <p className="auth-switch">
        New to Rapport? <Link to={withParams('/signup', { next, email })}>Create an account</Link>
      </p>
    </div>
  );
}

export function SignupPage() {
  useTitle('Sign up');
  const { next, email, setEmail, error, busy, submit, done } = useAuthForm();
  const [name, setName] = useState('');
  const [headline, setHeadline] = useState('');
  const [password, setPassword] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(() => api('post', '/auth/signup', { body: { name, email, password, ...(headline.trim() ? { headline } : {}) } }));
  };
  if (done) return done;
  return (
    <div className="auth-page">
      <h1 tabIndex={-1}>Create your Rapport account</h1>
      <form className="card form" onSubmit={onSubmit}>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <label className="field">
          <span>Full name</span>
          <input name="name" autoComplete="name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>Headline (optional)</span>
          <input
            name="headline"
            maxLength={200}
            placeholder="For example: Product Manager at Northwind"
            aria-describedby="headline-hint"
            value={headline}
            onChange={(e) => setHeadline(e.target.value)}
          />
          <small id="headline-hint" className="muted">
            Shown with your name, so people recognise you. You can change it in Settings.
          </small>
        </label>
        <label className="field">
          <span>E-mail address</span>
          <input type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            type="password"
            name="password"
            autoComplete="new-password"
            required
            minLength={8}
            aria-describedby="password-hint"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <small id="password-hint" className="muted">
            At least 8 characters.
          </small>
        </label>
        <button type="submit" className="button primary wide" disabled={busy} aria-busy={busy}>
          {busy ? 'Creating your account…' : 'Sign up'}
        </button>
      </form>
      <p className="auth-switch">
        Already have an account? <Link to={withParams('/login', { next, email })}>Log in</Link>
      </p>
    </div>
  );
}
