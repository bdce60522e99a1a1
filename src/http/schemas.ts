/** Schemas shared by every route: errors, pages, nullable values. */
import { type TSchema, Type } from '@sinclair/typebox';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable snake_case code' }),
      message: Type.String(),
      details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    }),
  },
  { description: 'An error' },
);

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
};

export const PageOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });

/**
 * The error replies every authenticated route may give, for the OpenAPI document: malformed input,
 * no credentials, a body too large or of a type the route does not read, plus the route's own.
 */
export const errorReplies = (...statuses: number[]) =>
  Object.fromEntries([400, 401, 413, 415, ...statuses].map((s) => [s, ErrorResponse])) as Record<number, typeof ErrorResponse>;

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const Iso = Type.String({ format: 'date-time' });
