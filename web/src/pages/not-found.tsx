/** A path the app does not know. */
import { Link } from 'react-router';
import { useTitle } from '../lib/hooks';

export function NotFoundPage() {
  useTitle('Page not found');
  return (
    <div className="page narrow">
      <h1>This page doesn't exist</h1>
      <p>The address may be mistyped, or the page may have moved.</p>
      <p>
        <Link to="/">Go to your home page</Link>
      </p>
    </div>
  );
}
