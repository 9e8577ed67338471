/**
 * A real HTTP server on 127.0.0.1 (random port) for fetcher tests. Each test
 * registers the routes it needs; every request is recorded so tests can
 * assert what was (or was not) sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (request: http.IncomingMessage, response: http.ServerResponse) => void;

export interface TestServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  routes: Map<string, Route>;
  requests: http.IncomingMessage[];
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    routes,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
