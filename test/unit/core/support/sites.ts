/**
 * Real HTTP servers on 127.0.0.1 for the monitor's unit tests. Each server is
 * a distinct host to stet (its own port); every request is logged with its
 * headers, and in-flight requests are counted per server and across all of
 * them, so a test can see how many checks overlapped without timing anything.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoggedRequest {
  path: string;
  headers: IncomingHttpHeaders;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

export interface Site {
  /** http://127.0.0.1:PORT */
  origin: string;
  requests: LoggedRequest[];
  inFlight: number;
  maxInFlight: number;
  handler: Handler;
  close(): Promise<void>;
}

/** Counts requests in flight across every site made with the same tracker. */
export class Tracker {
  inFlight = 0;
  maxInFlight = 0;
}

export async function startSite(handler: Handler, tracker = new Tracker()): Promise<Site> {
  const site: Site = {
    origin: '',
    requests: [],
    inFlight: 0,
    maxInFlight: 0,
    handler,
    close: async () => undefined,
  };
  const server = createServer((req, res) => {
    site.requests.push({ path: req.url ?? '', headers: req.headers });
    site.inFlight++;
    tracker.inFlight++;
    site.maxInFlight = Math.max(site.maxInFlight, site.inFlight);
    tracker.maxInFlight = Math.max(tracker.maxInFlight, tracker.inFlight);
    let done = false;
    const finished = () => {
      if (done) return;
      done = true;
      site.inFlight--;
      tracker.inFlight--;
    };
    res.on('finish', finished);
    res.on('close', finished);
    Promise.resolve(site.handler(req, res)).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  site.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return site;
}

/** A promise the test settles by hand: holds a response until the test says so. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

export function html(res: ServerResponse, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(body);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (polling) until `condition` holds; the test's own timeout bounds it. */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(5);
}
