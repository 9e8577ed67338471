/**
 * Runs a command as a user's shell would: a child process whose environment
 * lacks what Vitest adds (Vite's BASE_URL "/"), with LOG_LEVEL=warn unless
 * the test sets it, collecting stdout, stderr and the exit code.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const STET_BIN = join(import.meta.dirname, '../../bin/stet.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Written to the child's stdin, which is then closed. */
  stdin?: string;
  /** Stop the child (SIGTERM) once its stdout matches. */
  until?: RegExp;
}

export function run(command: string, args: string[], env: Record<string, string>, options: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const { BASE_URL: _viteBase, ...inherited } = process.env;
    const child = spawn(command, args, { env: { ...inherited, LOG_LEVEL: 'warn', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (options.until?.test(stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

/** The real `stet` bin script under this Node. */
export function stet(args: string[], env: Record<string, string>, options: RunOptions = {}): Promise<Run> {
  return run(process.execPath, [STET_BIN, ...args], env, options);
}
