/**
 * Reading the files a command is given. A missing file or a malformed one is
 * the user's input to fix, not a bug: it becomes an InputError, which the CLI
 * prints as one line and exits 2 on.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { InvalidArgumentError } from 'commander';
import { LONGEST_BASE_INTERVAL_MINUTES } from '../config.ts';

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

/**
 * A command-line id: decimal digits only (not "0x10" or "1e1", which Number()
 * would read as 16 and 10). `what` names the argument in the error ("the article id").
 */
export function positiveInt(value: string, what: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError(`${what} must be a positive whole number, got ${JSON.stringify(value)}`);
  return n;
}

/** A check or read interval on the command line: whole minutes, the API's and CHECK_INTERVAL_MINUTES's bounds. */
export function intervalMinutes(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > LONGEST_BASE_INTERVAL_MINUTES) {
    throw new InvalidArgumentError(`expected whole minutes from 1 to ${LONGEST_BASE_INTERVAL_MINUTES} (7 days)`);
  }
  return n;
}


/** The <minutes> argument of `stet interval` and `stet source interval`, named in its error. */
export function minutesArgument(value: string): number {
  try {
    return intervalMinutes(value);
  } catch {
    throw new InvalidArgumentError(`the minutes must be a whole number from 1 to ${LONGEST_BASE_INTERVAL_MINUTES} (7 days), got ${JSON.stringify(value)}`);
  }
}
