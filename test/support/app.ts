/**
 * Per test: a fresh in-memory SQLite store with the real migrations, the web
 * app around it reached through app.request() (STYLE 8), and a test clock
 * for the checks run on it; the store is closed after the test, and the
 * Monitors made for it stopped first. Call at the top of a file or a
 * describe block; read `store` and the rest inside a test (or a hook after
 * this one).
 */
import { afterEach, beforeEach, expect } from 'vitest';
import { parseConfig, type Config } from '../../src/config.ts';
import { openDatabase } from '../../src/db/client.ts';
import { Store } from '../../src/db/store.ts';
import type { CheckContext } from '../../src/monitor/check.ts';
import { Monitor } from '../../src/monitor/scheduler.ts';
import { createApp } from '../../src/web/app.tsx';

/** Settings as environment variables, as parseConfig reads them. */
export type Env = Record<string, string>;
export type App = ReturnType<typeof createApp>;

/** The Origin a browser sends from one of stet's own pages: writes with it pass the cross-site check. */
const SAME_ORIGIN = 'http://localhost';

export interface TestApp {
  readonly store: Store;
  /** The settings parsed from the `env` given to testApp, afresh for each test. */
  readonly config: Config;
  /** The test's time, set back to the clock's start before each test; the one object throughout, so a file may keep it. */
  readonly clock: { t: number };
  /** What a check (or a source's read) runs with: this store, the file's settings with `env` over them, the test clock, no jitter (random 0.5). */
  checkContext(env?: Partial<Env>): CheckContext;
  /**
   * A new app around this test's store. `env`: settings over the file's (a
   * BASE_URL, SCHEDULER=false; one given as undefined keeps the file's);
   * `monitor`: what "Check now" asks (none by default: checks answer 503, as
   * in a read-only process).
   */
  app(options?: { env?: Partial<Env>; monitor?: Monitor | undefined }): App;
  /**
   * The app with a real Monitor on this test's store (not started: it checks
   * only when asked), stopped after the test. `random`: its jitter; `now`: its clock.
   */
  appWithMonitor(options?: { random?: () => number; now?: () => number }): App;
  /** A request to a new app (the file's settings, no monitor). */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** The body of `path` as text, whatever the status. */
  text(path: string): Promise<string>;
  /** The body of `path` as JSON, whatever the status. */
  json<T>(path: string): Promise<T>;
  /** The page at `path`, which must answer 200, as text. */
  page(path: string): Promise<string>;
}

/** A fresh in-memory database with every migration applied; the caller closes it. */
export function memoryStore(): Store {
  return new Store(openDatabase(':memory:'));
}

/** `clockStart`: where `clock` stands at the start of each test (by default the time the test starts). */
export function testApp(env: Env = {}, { clockStart }: { clockStart?: number } = {}): TestApp {
  let store: Store | undefined;
  let config: Config | undefined;
  let monitors: Monitor[] = [];
  const clock = { t: 0 };
  beforeEach(() => {
    store = memoryStore();
    config = parseConfig(env);
    clock.t = clockStart ?? Date.now();
  });
  afterEach(async () => {
    await Promise.all(monitors.map((m) => m.stop()));
    monitors = [];
    store?.close();
    store = undefined;
    config = undefined;
  });

  const during = <T,>(value: T | undefined): T => {
    if (value === undefined) throw new Error('testApp: the store and the app are only there during a test');
    return value;
  };
  /** The file's settings with those of `more` that are given over them. */
  const configWith = (more: Partial<Env>): Config => {
    const overrides = Object.entries(more).filter(([, value]) => value !== undefined);
    return overrides.length ? parseConfig({ ...env, ...Object.fromEntries(overrides) }) : t.config;
  };
  const t: TestApp = {
    get store() {
      return during(store);
    },
    get config() {
      return during(config);
    },
    clock,
    checkContext: (more = {}) => ({ store: t.store, config: configWith(more), now: () => clock.t, random: () => 0.5 }),
    app({ env: more = {}, monitor: given } = {}) {
      return createApp({ store: t.store, config: configWith(more), monitor: given });
    },
    appWithMonitor({ random = Math.random, now = Date.now } = {}) {
      const monitor = new Monitor({ store: t.store, config: t.config, now, random }, { concurrency: 2, tickMs: 3_600_000 });
      monitors.push(monitor);
      return t.app({ monitor });
    },
    request: async (path, init) => t.app().request(path, init),
    text: async (path) => (await t.request(path)).text(),
    json: async <T,>(path: string) => (await (await t.request(path)).json()) as T,
    async page(path) {
      const res = await t.request(path);
      expect(res.status).toBe(200);
      return res.text();
    },
  };
  return t;
}

/** For tests of the store alone: testApp, of which they need only the store. */
export function testStore(): Pick<TestApp, 'store'> {
  return testApp();
}

/** A JSON request as the API takes it: POST unless `method` says otherwise; a string body is sent as it is. */
export function jsonRequest(body: unknown, { method = 'POST', headers = {} }: { method?: string; headers?: Record<string, string> } = {}): RequestInit {
  return { method, body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } };
}

/** A form post as a browser sends it from one of stet's pages (its Origin ours), unless `headers` says otherwise. */
export function formPost(fields: Record<string, string>, headers: Record<string, string> = { origin: SAME_ORIGIN }): RequestInit {
  return { method: 'POST', body: new URLSearchParams(fields), headers };
}
