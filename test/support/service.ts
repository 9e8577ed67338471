import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { startService, type RunningService } from '../../src/service.ts';

/**
 * The real service on a free port of 127.0.0.1 with a fresh SQLite file; the
 * scheduler is off unless asked. `now`: the clock of its checks (default the
 * real one), for tests that let minutes pass between two checks.
 */
export async function startTestService(env: Record<string, string> = {}, now?: () => number): Promise<RunningService & { dir: string; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'stet-test-'));
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_PATH: join(dir, 'stet.db'),
    ALLOW_PRIVATE_NETWORKS: 'true',
    SCHEDULER: 'false',
    ...env,
  });
  const service = await startService(config, { log: createLogger('silent'), now });
  return {
    ...service,
    dir,
    dispose: async () => {
      await service.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
