/**
 * A real HTTP server on a loopback address and a random port, for fetcher
 * tests. Each test registers the routes it needs; every TCP connection and
 * request is recorded, so tests can assert what was, or was not, sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (request: http.IncomingMessage, response: http.ServerResponse) => void;

export interface TestServer {
  /** http://127.0.0.1:PORT (or http://[::1]:PORT) */
  origin: string;
  port: number;
  routes: Map<string, Route>;
  requests: http.IncomingMessage[];
  /** TCP connections accepted so far. */
  connections: number;
  reset(): void;
  close(): Promise<void>;
}

export async function startTestServer(host: '127.0.0.1' | '::1' = '127.0.0.1'): Promise<TestServer> {
  const routes = new Map<string, Route>();
  const requests: http.IncomingMessage[] = [];
  const server = http.createServer((request, response) => {
    requests.push(request);
    const route = routes.get(new URL(request.url ?? '/', 'http://x').pathname);
    if (route === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('no such route');
      return;
    }
    route(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const testServer: TestServer = {
    origin: host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`,
    port,
    routes,
    requests,
    connections: 0,
    reset() {
      routes.clear();
      requests.length = 0;
      testServer.connections = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('connection', () => {
    testServer.connections++;
  });
  return testServer;
}

/** A port on 127.0.0.1 with nothing listening (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
