/**
 * The guarded connector over TLS: the lookup hook must not break SNI or
 * certificate checks. As in guard-redirect.test.ts, 127.0.0.1 stands in for
 * a public address; the server uses a self-signed certificate for localhost
 * (test/fixtures/fetch/), trusted only by this test's agent.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as AddressModule from '../../../src/fetch/address.ts';
import { createPublicOnlyConnector } from '../../../src/fetch/guard.ts';

vi.mock('../../../src/fetch/address.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof AddressModule>();
  const nonPublicReason = (address: string) => (address === '127.0.0.1' ? null : actual.nonPublicReason(address));
  return { ...actual, nonPublicReason, isPublicAddress: (address: string) => nonPublicReason(address) === null };
});

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/fetch/${name}`, import.meta.url));
const cert = fixture('localhost-cert.pem');

let server: Server;
let port: number;
const serverNames: Array<string | false | null> = [];
beforeAll(async () => {
  server = createServer({ cert, key: fixture('localhost-key.pem') }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<p>over tls</p>');
  });
  server.on('secureConnection', (socket: TLSSocket) => serverNames.push(socket.servername));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the public-only connector over https', () => {
  it('resolves the name through the guard, sends it as SNI (RFC 6066 §3) and verifies the certificate', async () => {
    const agent = new Agent({ connect: createPublicOnlyConnector({ ca: cert }) });
    try {
      const response = await fetch(`https://localhost:${port}/`, { dispatcher: agent });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('<p>over tls</p>');
      expect(serverNames).toEqual(['localhost']);
    } finally {
      await agent.close();
    }
  });

  it('still fails certificate verification when the certificate is not trusted', async () => {
    const agent = new Agent({ connect: createPublicOnlyConnector() });
    try {
      const error = await fetch(`https://localhost:${port}/`, { dispatcher: agent }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect(String((error as { cause?: { code?: string } }).cause?.code)).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY/);
    } finally {
      await agent.close();
    }
  });
});
