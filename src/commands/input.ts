/**
 * Reading the files a command is given. A missing file or a malformed one is
 * the user's input to fix, not a bug: it becomes an InputError, which the CLI
 * prints as one line and exits 2 on.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export class InputError extends Error {}

/** The bytes of a file (`-` = standard input), gunzipped when the name ends in .gz. */
export function readInputBytes(path: string): Uint8Array {
  try {
    const raw = path === '-' ? readFileSync(0) : readFileSync(path);
    return path.endsWith('.gz') ? gunzipSync(raw) : raw;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new InputError(`cannot read ${path === '-' ? 'standard input' : path}: ${why}`, { cause: error });
  }
}
