import type { Config } from '../config.ts';
import type { Store } from '../db/store.ts';
import type { Monitor } from '../monitor/scheduler.ts';

/** What every request handler can reach (set once by the app). */
export interface AppEnv {
  Variables: {
    store: Store;
    config: Config;
    /** Absent in read-only processes; checks then answer 503. */
    monitor: Monitor | undefined;
  };
}
