/**
 * Attachments: a member uploads a file (an image or a PDF whose bytes are what its type says), then
 * sends it in one message. Only its uploader and the participants who still have that message read
 * it; to anyone else it does not exist. An upload never sent is removed after a day.
 */
import type { BlobStore } from '../blobs/blob-store.js';
import { contentHash } from '../blobs/blob-store.js';
import type { Actor, Deps } from '../context.js';
import { type Db, type Trx, transact } from '../db/database.js';
import type { AttachmentRow } from '../db/schema.js';
import { AppError } from '../errors.js';
import { addMs, iso } from '../shared/clock.js';
import { newId } from '../shared/crypto.js';
import { cleanLine } from '../shared/text.js';
import {
  blobInUse,
  deleteUnsent,
  findReadableAttachment,
  insertAttachment,
  linkAttachment,
  lockBlob,
  unsentBefore,
  uploadedSince,
} from './attachment-store.js';
import { lockMember } from '../members/store.js';

const DAY_MS = 24 * 3_600_000;
/** Attachments of one message. */
export const ATTACHMENTS_MAX = 10;
/** Characters of a stored file name. */
export const NAME_MAX = 120;
/** How long an upload waits to be sent before the cleanup removes it. */
export const UNSENT_TTL_MS = DAY_MS;

/** The types accepted, each with the name an upload without one is given and the test its bytes must pass. */
const TYPES: Record<string, { name: string; matches: (bytes: Buffer) => boolean }> = {
  'image/png': { name: 'image.png', matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  'image/jpeg': { name: 'image.jpg', matches: (b) => b.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])) },
  'image/gif': { name: 'image.gif', matches: (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')) },
  'image/webp': { name: 'image.webp', matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  'application/pdf': { name: 'document.pdf', matches: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
};

export const ATTACHMENT_TYPES = Object.keys(TYPES);

/**
 * A file name as it is stored and offered for download: one line of visible text (no control,
 * direction-override or other invisible characters), no path separators or characters file systems
 * refuse, no leading dots, at most NAME_MAX characters (the extension kept); empty becomes the type's
 * default name.
 */
export function cleanFileName(raw: string | undefined, contentType: string): string {
  const fallback = TYPES[contentType]?.name ?? 'attachment';
  const cleaned = cleanLine(raw ?? '')
    .replace(/[/\\:*?"<>|]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  if (cleaned === '' || /^_*$/.test(cleaned)) return fallback;
  const chars = [...cleaned];
  if (chars.length <= NAME_MAX) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 10 ? [...cleaned.slice(dot)] : [];
  return [...chars.slice(0, NAME_MAX - extension.length), ...extension].join('').trim();
}

export interface Upload {
  /** The request's media type, lower case, without parameters. */
  contentType: string;
  name?: string;
  bytes: Buffer;
}

/**
 * Stores an upload of the actor: its bytes under their hash (once, however many uploads have them),
 * its row unsent. Refuses an empty body, a type not accepted, bytes that are not of their declared
 * type, and an upload past the member's daily bytes.
 */
export async function uploadAttachment(db: Db, deps: Deps, blobs: BlobStore, actor: Actor, upload: Upload): Promise<AttachmentRow> {
  const { contentType, bytes } = upload;
  const type = TYPES[contentType];
  if (!type) throw new AppError('unsupported_media_type', `Attachments are ${ATTACHMENT_TYPES.join(', ')}; not ${contentType || 'a body without a type'}.`);
  if (bytes.length === 0) throw new AppError('validation_failed', 'body: must not be empty.', { field: 'body' });
  if (bytes.length > deps.config.attachmentMaxBytes) {
    throw new AppError('attachment_too_large', `An attachment is at most ${deps.config.attachmentMaxBytes} bytes.`, {
      maxBytes: deps.config.attachmentMaxBytes,
    });
  }
  if (!type.matches(bytes)) throw new AppError('unsupported_media_type', `The file is not a ${contentType}.`);
  const name = cleanFileName(upload.name, contentType);
  const hash = contentHash(bytes);
  return transact(db, async (trx) => {
    const now = deps.clock.now();
    // The member's row orders their uploads, so the daily bytes are counted exactly.
    const me = await lockMember(trx, deps.dialect, actor.memberId);
    if (!me) throw new AppError('unauthenticated', 'Your account no longer exists.');
    const limit = deps.config.attachmentDailyBytes;
    const sent = await uploadedSince(trx, actor.memberId, iso(addMs(now, -DAY_MS)));
    if (sent.bytes + bytes.length > limit) {
      const retryAt = sent.oldest ? iso(addMs(new Date(sent.oldest), DAY_MS)) : iso(addMs(now, DAY_MS));
      throw new AppError('attachment_quota_reached', `You can upload ${limit} bytes in any 24 hours; try again after ${retryAt}.`, { retryAt, limit });
    }
    const row: AttachmentRow = {
      id: newId(),
      uploader_id: actor.memberId,
      message_id: null,
      position: null,
      name,
      content_type: contentType,
      size: bytes.length,
      sha256: hash,
      created_at: iso(now),
    };
    // The row first, then the bytes, under the blob's lock: the cleanup cannot remove them in between.
    await lockBlob(trx, deps.dialect, hash);
    await insertAttachment(trx, row);
    await blobs.put(hash, bytes);
    return row;
  });
}

/**
 * Sends the actor's uploads `ids` in the message `messageId` (in `trx`, the message's). Each must be
 * theirs and not yet sent; otherwise 422 `attachment_unavailable` and, the transaction rolling back,
 * no message either. Of two sends of one upload, one links it.
 */
export async function attachToMessage(trx: Trx, actor: Actor, messageId: string, ids: readonly string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length > ATTACHMENTS_MAX) {
    throw new AppError('validation_failed', `attachmentIds: at most ${ATTACHMENTS_MAX}.`, { field: 'attachmentIds' });
  }
  const unavailable: string[] = [];
  for (const [position, id] of unique.entries()) {
    if (!(await linkAttachment(trx, id, actor.memberId, messageId, position))) unavailable.push(id);
  }
  if (unavailable.length > 0) {
    throw new AppError('attachment_unavailable', 'An attachment is not an upload of yours waiting to be sent (each is sent once).', {
      attachmentIds: unavailable,
    });
  }
}

/** An attachment and its bytes, for the actor; not_found unless they may read it. */
export async function readAttachment(db: Db, blobs: BlobStore, actor: Actor, id: string): Promise<{ attachment: AttachmentRow; bytes: Buffer }> {
  const attachment = await findReadableAttachment(db, id, actor.memberId);
  const bytes = attachment ? await blobs.get(attachment.sha256) : null;
  if (!attachment || !bytes) throw new AppError('not_found', 'That attachment does not exist.');
  return { attachment, bytes };
}

/**
 * Removes uploads never sent and older than UNSENT_TTL_MS, and each blob no row uses any more (the
 * blob's lock keeps an upload of the same bytes from losing them). Returns the rows removed.
 */
export async function cleanupUnsentAttachments(db: Db, deps: Deps, blobs: BlobStore, batchSize = 500): Promise<number> {
  const before = iso(addMs(deps.clock.now(), -UNSENT_TTL_MS));
  let removed = 0;
  for (;;) {
    const rows = await unsentBefore(db, before, batchSize);
    if (rows.length === 0) break;
    const hashes = await transact(db, (trx) =>
      deleteUnsent(
        trx,
        rows.map((r) => r.id),
      ),
    );
    removed += hashes.length;
    for (const hash of new Set(hashes)) {
      await transact(db, async (trx) => {
        await lockBlob(trx, deps.dialect, hash);
        if (!(await blobInUse(trx, hash))) await blobs.delete(hash);
      });
    }
    if (rows.length < batchSize) break;
  }
  return removed;
}
