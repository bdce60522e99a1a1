/** Schemas of the inbox that other routes show too. */
import { Type } from '@sinclair/typebox';

/** Unread messages, counted exactly as the folders list them. */
export const UnreadCountsSchema = Type.Object(
  { received: Type.Integer({ minimum: 0 }), sent: Type.Integer({ minimum: 0 }), total: Type.Integer({ minimum: 0 }) },
  { description: 'Unread messages per folder, and in all' },
);
