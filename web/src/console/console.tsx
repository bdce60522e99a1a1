/** The support console (support agents and admins): requests, members, flags and the audit trail. */
import { Link, useParams } from 'react-router';
import { useTitle } from '../lib/hooks';
import { useMe } from '../lib/session';
import { AuditSection } from './audit';
import { FlagsSection } from './flags';
import { MemberSection } from './member';
import { RequestsSection } from './requests';

const SECTIONS = [
  { key: 'requests', label: 'Requests', admin: false },
  { key: 'members', label: 'Members', admin: false },
  { key: 'flags', label: 'Feature flags', admin: true },
  { key: 'audit', label: 'Audit trail', admin: false },
] as const;

export default function ConsolePage() {
  const params = useParams();
  const me = useMe();
  const role = me.member.role;
  const section = SECTIONS.find((s) => s.key === params.section) ?? SECTIONS[0];
  useTitle(`Support console: ${section.label}`);
  if (role === 'member') {
    return (
      <div className="page narrow">
        <h1>Support console</h1>
        <p>This console is for support agents and administrators.</p>
      </div>
    );
  }
  const visible = SECTIONS.filter((s) => !s.admin || role === 'admin');
  return (
    <div className="page wide">
      <div className="page-head">
        <h1>Support console</h1>
      </div>
      <nav className="tabs" aria-label="Console sections">
        {visible.map((s) => (
          <Link key={s.key} to={`/console/${s.key}`} aria-current={s.key === section.key ? 'page' : undefined} className="tab">
            {s.label}
          </Link>
        ))}
      </nav>
      {section.key === 'requests' && <RequestsSection />}
      {section.key === 'members' && <MemberSection />}
      {section.key === 'flags' && (role === 'admin' ? <FlagsSection /> : <p>Only administrators can change feature flags.</p>)}
      {section.key === 'audit' && <AuditSection />}
    </div>
  );
}
