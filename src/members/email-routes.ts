/** A member's e-mail addresses: list, add (with a verification link by e-mail), remove, verify (the primary one too). */
import { Type } from '@sinclair/typebox';
import type { App, Services } from '../http/services.js';
import { authOf } from '../http/request-context.js';
import { enforceLimit } from '../http/rate-limit-store.js';
import { errorReplies, Iso, Nullable } from '../http/schemas.js';
import type { OnAddressOwned } from './accounts.js';
import { addEmail, checkedAddress, listEmails, MAX_ADDITIONAL_EMAILS, removeEmail, verifyEmail } from './emails.js';

const EmailAddress = Type.Object({
  email: Type.String(),
  primary: Type.Boolean(),
  verified: Type.Boolean(),
  state: Type.Union([Type.Literal('primary'), Type.Literal('verified'), Type.Literal('pending'), Type.Literal('expired')], {
    description: 'pending: a verification link was sent and still works; expired: add the address again for a new link',
  }),
  verifiedAt: Nullable(Iso),
  addedAt: Iso,
  verificationExpiresAt: Nullable(Iso),
});

const EmailList = Type.Object({
  items: Type.Array(EmailAddress, { description: 'The primary address first, then the others, oldest first' }),
  maxAdditional: Type.Integer({ description: 'How many addresses a member may have besides the primary one' }),
});

const Address = Type.String({ minLength: 3, maxLength: 254 });
const HOUR = 3_600_000;

/** Adds per member, verification mails per address, and verification attempts per member. */
const LIMITS = {
  addsPerMember: { max: 20, windowMs: HOUR },
  mailsPerAddress: { max: 3, windowMs: 24 * HOUR },
  verifiesPerMember: { max: 10, windowMs: 15 * 60_000 },
};

/** The services, and what verifying an address sets off (invitations/attach.ts, passed in by src/app.ts). */
export interface MemberEmailRouteOptions extends Services {
  onAddressOwned: OnAddressOwned;
}

export default async function memberEmailRoutes(app: App, { db, deps, requireMember, onAddressOwned }: MemberEmailRouteOptions) {
  app.addHook('preHandler', requireMember);

  app.get(
    '/me/emails',
    {
      schema: { tags: ['members'], summary: 'My e-mail addresses and whether each is verified', response: { 200: EmailList, ...errorReplies() } },
    },
    async (request) => ({ items: await listEmails(db, deps, authOf(request).member), maxAdditional: MAX_ADDITIONAL_EMAILS }),
  );

  app.post(
    '/me/emails',
    {
      schema: {
        tags: ['members'],
        summary:
          'Add an e-mail address; a link to verify it is e-mailed to it (again, with a new link, for an address still waiting, my primary one too until it is verified)',
        body: Type.Object({ email: Address }),
        response: { 200: EmailAddress, 201: EmailAddress, ...errorReplies(403, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      const me = authOf(request).member;
      const { addsPerMember, mailsPerAddress } = LIMITS;
      await enforceLimit(db, `email-add:${me.id}`, addsPerMember.max, addsPerMember.windowMs);
      const email = checkedAddress(request.body.email);
      await enforceLimit(db, `email-verification-mail:${email}`, mailsPerAddress.max, mailsPerAddress.windowMs);
      const added = await addEmail(db, deps, authOf(request).actor, email);
      return reply.status(added.created ? 201 : 200).send(added.address);
    },
  );

  app.delete(
    '/me/emails/:email',
    {
      schema: {
        tags: ['members'],
        summary: 'Remove one of my additional e-mail addresses (not the primary one)',
        params: Type.Object({ email: Address }),
        response: { 204: Type.Null(), ...errorReplies(403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { member: me, actor } = authOf(request);
      await removeEmail(db, deps, actor, me, request.params.email);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/emails/verify/:token',
    {
      schema: {
        tags: ['members'],
        summary: 'Verify an address (added, or the primary one given at sign-up) with the link mailed to it, signed in as the member it was mailed for',
        params: Type.Object({ token: Type.String({ minLength: 1, maxLength: 500 }) }),
        response: { 200: EmailAddress, ...errorReplies(403, 410, 429) },
      },
      config: { rateLimit: { max: 60, timeWindow: 60_000 } },
    },
    async (request) => {
      const { verifiesPerMember } = LIMITS;
      await enforceLimit(db, `email-verify:${authOf(request).member.id}`, verifiesPerMember.max, verifiesPerMember.windowMs);
      return verifyEmail(db, deps, authOf(request).actor, request.params.token, onAddressOwned);
    },
  );
}
