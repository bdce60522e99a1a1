/**
 * Where the bytes of attachments live, addressed by their SHA-256 content hash: identical bytes are
 * stored once. The database holds what they are (name, type, who may read them); a store holds only
 * bytes. The filesystem store is the one built in; an S3-compatible one can implement the same
 * interface and be chosen in the app's wiring.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.js';

export interface BlobStore {
  /** Stores `bytes` under `hash` (their SHA-256, lower-case hex); nothing is written when it is there already. */
  put(hash: string, bytes: Buffer): Promise<void>;
  /** The bytes stored under `hash`, or null when there are none. */
  get(hash: string): Promise<Buffer | null>;
  has(hash: string): Promise<boolean>;
  /** Removes the bytes under `hash`; nothing happens when there are none. */
  delete(hash: string): Promise<void>;
}

/** The key of `bytes` in a blob store: their SHA-256, lower-case hex. */
export const contentHash = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

const HASH = /^[0-9a-f]{64}$/;

function checked(hash: string): string {
  // The hash becomes a path: anything but 64 hex digits could reach outside the store.
  if (!HASH.test(hash)) throw new Error('A blob key must be a SHA-256 in lower-case hex.');
  return hash;
}

/**
 * Blobs as files under `root`, fanned out two levels by the hash's first four digits
 * (`ab/cd/abcd…`), so no directory grows past a few thousand entries. A file is written under a
 * temporary name, flushed, and renamed into place, so a crash never leaves part of a file under its
 * final name.
 */
export function filesystemBlobStore(root: string): BlobStore {
  const pathOf = (hash: string) => join(root, hash.slice(0, 2), hash.slice(2, 4), checked(hash));
  const exists = async (path: string) => {
    try {
      return (await stat(path)).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  };
  return {
    async put(hash, bytes) {
      const path = pathOf(hash);
      if (await exists(path)) return;
      await mkdir(join(path, '..'), { recursive: true });
      const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      const file = await open(temporary, 'wx', 0o600);
      try {
        await file.writeFile(bytes);
        await file.sync();
      } catch (error) {
        await file.close();
        await rm(temporary, { force: true });
        throw error;
      }
      await file.close();
      await rename(temporary, path);
    },
    async get(hash) {
      try {
        return await readFile(pathOf(hash));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    has: (hash) => exists(pathOf(hash)),
    async delete(hash) {
      await rm(pathOf(hash), { force: true });
    },
  };
}

/** The store used unless the app's wiring chooses another: files under `DATA_DIR/attachments`. */
export function defaultBlobStore(config: Pick<Config, 'dataDir'>): BlobStore {
  return filesystemBlobStore(join(config.dataDir, 'attachments'));
}
