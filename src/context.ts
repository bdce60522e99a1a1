/** What domain functions need besides the database: configuration, time, and observers. */
import type { Config } from './config.js';
import type { InvitationStatus, ActionPath, Role } from './db/schema.js';
import type { Clock } from './shared/clock.js';
import type { DialectName } from './db/database.js';

export interface Deps {
  readonly config: Config;
  readonly clock: Clock;
  readonly dialect: DialectName;
  /** Told of every committed invitation state change (metrics). */
  readonly onTransition?: (from: InvitationStatus | 'new', to: InvitationStatus, count: number) => void;
}

/** Who is acting, and through which path the action arrived. */
export interface Actor {
  readonly memberId: string;
  readonly role: Role;
  readonly path: ActionPath;
}
