/** Icons: decorative SVG, hidden from assistive technology (their buttons carry the names). */
import type { ReactNode } from 'react';

function Icon({ children, size = 24 }: { children: ReactNode; size?: number }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="currentColor">
      {children}
    </svg>
  );
}

export const InboxIcon = () => (
  <Icon>
    <path d="M4 4h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm0 2v.5l8 5 8-5V6H4zm16 2.8-7.5 4.7a1 1 0 0 1-1 0L4 8.8V18h16V8.8z" />
  </Icon>
);

export const AddConnectionsIcon = () => (
  <Icon>
    <path d="M9 4a4 4 0 1 1 0 8 4 4 0 0 1 0-8zm0 2a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm0 8c3.3 0 7 1.6 7 4.5V20H2v-1.5C2 15.6 5.7 14 9 14zm0 2c-2.6 0-4.7 1.1-4.98 2h9.96C13.7 17.1 11.6 16 9 16zm10-8h2v3h3v2h-3v3h-2v-3h-3v-2h3V8z" />
  </Icon>
);

export const PeopleIcon = () => (
  <Icon>
    <path d="M8 5a3.5 3.5 0 1 1 0 7 3.5 3.5 0 0 1 0-7zm0 2a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm8-1a3 3 0 1 1 0 6 3 3 0 0 1 0-6zm0 2a1 1 0 1 0 0 2 1 1 0 0 0 0-2zM8 13c3 0 6 1.4 6 4v2H2v-2c0-2.6 3-4 6-4zm0 2c-2 0-3.7.8-4 2h8c-.3-1.2-2-2-4-2zm8-1.5c2.6 0 6 1.2 6 3.5v2h-6v-2h4c-.3-.8-2-1.5-4-1.5-.5 0-1 0-1.4.1a5 5 0 0 0-1.3-1.8c.9-.2 1.8-.3 2.7-.3z" />
  </Icon>
);

export const HomeIcon = () => (
  <Icon>
    <path d="M12 3 2 11h3v9h6v-6h2v6h6v-9h3L12 3zm0 2.6 5 4V18h-2v-6H9v6H7v-8.4l5-4z" />
  </Icon>
);

export const CloseIcon = () => (
  <Icon size={18}>
    <path d="m6.4 5 5.6 5.6L17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4 6.4 5z" />
  </Icon>
);

export const ChevronIcon = () => (
  <Icon size={16}>
    <path d="m7 9 5 5 5-5 1.4 1.4L12 16.8 5.6 10.4 7 9z" />
  </Icon>
);
