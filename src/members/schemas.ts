/** Schemas of members as they leave the server. */
import { Type } from '@sinclair/typebox';

export const RoleSchema = Type.Union([Type.Literal('member'), Type.Literal('support'), Type.Literal('admin')]);

export const MemberSelfSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  emailVerified: Type.Boolean({ description: 'Until the link mailed to the address is followed, nothing addressed to it reaches the account' }),
  role: RoleSchema,
  headline: Type.String(),
});
