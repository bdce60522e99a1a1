/** Schemas of members as they leave the server. */
import { Type } from '@sinclair/typebox';

export const RoleSchema = Type.Union([Type.Literal('member'), Type.Literal('support'), Type.Literal('admin')]);

export const MemberSelfSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  role: RoleSchema,
  headline: Type.String(),
});

export const MemberPublicSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  headline: Type.String(),
});
