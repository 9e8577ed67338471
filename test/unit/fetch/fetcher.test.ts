/**
 * fetchPage against a real HTTP server on 127.0.0.1. Private networks are
 * allowed here (the server is on loopback); the guard has its own files.
 */
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchPage, type FetchOptions, type FetchOutcome } from '../../../src/fetch/fetcher.ts';
import { closedPort, startTestServer, type TestServer } from './server.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/fetch/${name}`, import.meta.url));

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

const options: FetchOptions = {
  userAgent: 'stet-test/1.0 (+https://example.org/stet)',
  timeoutMs: 2_000,
  maxBytes: 100_000,
  maxRedirects: 5,
  allowPrivateNetworks: true,
};

function html(body: string, headers: Record<string, string> = {}) {
  return (_req: unknown, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers });
    res.end(body);
  };
}

function expectKind<K extends FetchOutcome['kind']>(outcome: FetchOutcome, kind: K): Extract<FetchOutcome, { kind: K }> {
  expect(outcome.kind, JSON.stringify({ ...outcome, body: undefined, html: undefined })).toBe(kind);
  return outcome as Extract<FetchOutcome, { kind: K }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a successful fetch', () => {
  it('returns status, final URL, raw bytes, decoded HTML, validators and duration of a 200 text/html response', async () => {
    server.routes.set('/page', html('<p>Größe</p>', { etag: '"v1"', 'last-modified': 'Sun, 29 Nov 2026 10:00:00 GMT' }));
    const outcome = expectKind(await fetchPage(`${server.origin}/page`, options), 'fetched');
    expect(outcome).toMatchObject({
      status: 200,
      url: `${server.origin}/page`,
      html: '<p>Größe</p>',
      encoding: 'utf-8',
      etag: '"v1"',
      lastModified: 'Sun, 29 Nov 2026 10:00:00 GMT',
      maxAgeSeconds: null,
    });
    expect(Buffer.from(outcome.body).equals(Buffer.from('<p>Größe</p>'))).toBe(true);
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('identifies itself with the configured User-Agent and asks for HTML (RFC 9110 §10.1.5, §12.5.1)', async () => {
    server.routes.set('/page', html('<p>x</p>'));
    await fetchPage(`${server.origin}/page`, options);
    expect(server.requests[0]?.headers['user-agent']).toBe('stet-test/1.0 (+https://example.org/stet)');
    expect(server.requests[0]?.headers['accept']).toMatch(/^text\/html/);
    expect(server.requests[0]?.method).toBe('GET');
  });

  it('does not send the URL fragment to the server (RFC 9110 §7.1: it is not part of the target)', async () => {
    server.routes.set('/page', html('<p>x</p>'));
    await fetchPage(`${server.origin}/page?a=1#section`, options);
    expect(server.requests[0]?.url).toBe('/page?a=1');
  });

  it('accepts application/xhtml+xml and a response with no Content-Type at all (sniffed as HTML)', async () => {
    server.routes.set('/xhtml', html('<p>x</p>', { 'content-type': 'application/xhtml+xml' }));
    server.routes.set('/untyped', (_req, res) => {
      res.removeHeader('content-type');
      res.writeHead(200);
      res.end('<p>untyped</p>');
    });
    expectKind(await fetchPage(`${server.origin}/xhtml`, options), 'fetched');
    expect(expectKind(await fetchPage(`${server.origin}/untyped`, options), 'fetched').html).toBe('<p>untyped</p>');
  });

  it('reads Cache-Control max-age as the freshness lifetime (RFC 9111 §5.2.2.1)', async () => {
    server.routes.set('/page', html('<p>x</p>', { 'cache-control': 'public, max-age=600' }));
    expect(expectKind(await fetchPage(`${server.origin}/page`, options), 'fetched').maxAgeSeconds).toBe(600);
  });
});

describe('conditional GET (RFC 9110 §13.1)', () => {
  it('sends If-None-Match and If-Modified-Since from the stored validators (§13.1.1, §13.1.3)', async () => {
    server.routes.set('/page', html('<p>x</p>'));
    await fetchPage(`${server.origin}/page`, { ...options, etag: '"abc"', lastModified: 'Sat, 28 Nov 2026 08:00:00 GMT' });
    expect(server.requests[0]?.headers['if-none-match']).toBe('"abc"');
    expect(server.requests[0]?.headers['if-modified-since']).toBe('Sat, 28 Nov 2026 08:00:00 GMT');
  });

  it('sends no conditional headers on a first fetch', async () => {
    server.routes.set('/page', html('<p>x</p>'));
    await fetchPage(`${server.origin}/page`, { ...options, etag: null, lastModified: null });
    expect(server.requests[0]?.headers['if-none-match']).toBeUndefined();
    expect(server.requests[0]?.headers['if-modified-since']).toBeUndefined();
  });

  it('reports 304 Not Modified as success, not failure, with the ETag the server repeats (§15.4.5)', async () => {
    server.routes.set('/page', (req, res) => {
      if (req.headers['if-none-match'] === '"v2"') {
        res.writeHead(304, { etag: '"v2"', 'cache-control': 'max-age=60' });
        res.end();
      } else html('<p>v2</p>', { etag: '"v2"' })(req, res);
    });
    const first = expectKind(await fetchPage(`${server.origin}/page`, options), 'fetched');
    const second = expectKind(await fetchPage(`${server.origin}/page`, { ...options, etag: first.etag }), 'not-modified');
    expect(second).toMatchObject({ status: 304, url: `${server.origin}/page`, etag: '"v2"', maxAgeSeconds: 60 });
  });

  it('revalidates with Last-Modified alone when there is no ETag (§13.1.3)', async () => {
    const stamp = 'Sun, 29 Nov 2026 09:00:00 GMT';
    server.routes.set('/page', (req, res) => {
      if (req.headers['if-modified-since'] === stamp) {
        res.writeHead(304);
        res.end();
      } else html('<p>x</p>', { 'last-modified': stamp })(req, res);
    });
    const first = expectKind(await fetchPage(`${server.origin}/page`, options), 'fetched');
    expect(first.etag).toBeNull();
    const second = expectKind(await fetchPage(`${server.origin}/page`, { ...options, lastModified: first.lastModified }), 'not-modified');
    // A 304 need not repeat Last-Modified (§15.4.5 lists ETag, not Last-Modified): keep the one sent.
    expect(second.lastModified).toBe(stamp);
  });

  it('keeps the sent ETag when a 304 omits it, so the caller never loses its validator', async () => {
    server.routes.set('/page', (_req, res) => {
      res.writeHead(304);
      res.end();
    });
    const outcome = expectKind(await fetchPage(`${server.origin}/page`, { ...options, etag: 'W/"weak"' }), 'not-modified');
    expect(outcome.etag).toBe('W/"weak"');
  });

  it('sends the validators again on every redirect hop, so a redirected article can still answer 304', async () => {
    server.routes.set('/old', (_req, res) => {
      res.writeHead(301, { location: '/new' });
      res.end();
    });
    server.routes.set('/new', (req, res) => {
      res.writeHead(req.headers['if-none-match'] === '"n"' ? 304 : 200, { 'content-type': 'text/html' });
      res.end();
    });
    const outcome = expectKind(await fetchPage(`${server.origin}/old`, { ...options, etag: '"n"' }), 'not-modified');
    expect(outcome.url).toBe(`${server.origin}/new`);
  });
});

describe('redirects (RFC 9110 §15.4)', () => {
  function redirect(status: number, location: string) {
    return (_req: unknown, res: ServerResponse) => {
      res.writeHead(status, { location });
      res.end();
    };
  }

  it.each([301, 302, 303, 307, 308])('follows a %i and reports the final URL', async (status) => {
    server.routes.set('/from', redirect(status, `${server.origin}/to`));
    server.routes.set('/to', html('<p>arrived</p>'));
    const outcome = expectKind(await fetchPage(`${server.origin}/from`, options), 'fetched');
    expect(outcome.url).toBe(`${server.origin}/to`);
    expect(outcome.html).toBe('<p>arrived</p>');
  });

  it('resolves a relative Location against the URL that answered (§10.2.2)', async () => {
    server.routes.set('/a/b', redirect(302, '../c?x=1'));
    server.routes.set('/c', html('<p>c</p>'));
    expect(expectKind(await fetchPage(`${server.origin}/a/b`, options), 'fetched').url).toBe(`${server.origin}/c?x=1`);
  });

  it('follows exactly maxRedirects redirects', async () => {
    server.routes.set('/1', redirect(301, '/2'));
    server.routes.set('/2', redirect(301, '/3'));
    server.routes.set('/3', html('<p>3</p>'));
    expectKind(await fetchPage(`${server.origin}/1`, { ...options, maxRedirects: 2 }), 'fetched');
  });

  it('fails with too-many-redirects one past maxRedirects, without requesting the next hop', async () => {
    server.routes.set('/1', redirect(301, '/2'));
    server.routes.set('/2', redirect(301, '/3'));
    server.routes.set('/3', html('<p>3</p>'));
    const outcome = expectKind(await fetchPage(`${server.origin}/1`, { ...options, maxRedirects: 1 }), 'failed');
    expect(outcome).toMatchObject({ code: 'too-many-redirects', status: 301 });
    expect(server.requests.map((r) => r.url)).toEqual(['/1', '/2']);
  });

  it('stops a redirect loop at the cap', async () => {
    server.routes.set('/ping', redirect(302, '/pong'));
    server.routes.set('/pong', redirect(302, '/ping'));
    const outcome = expectKind(await fetchPage(`${server.origin}/ping`, { ...options, maxRedirects: 4 }), 'failed');
    expect(outcome.code).toBe('too-many-redirects');
    expect(server.requests).toHaveLength(5);
  });

  it.each([
    ['file:///etc/passwd'],
    ['ftp://example.org/x'],
    ['javascript:alert(1)'],
    ['data:text/html,<p>x</p>'],
  ])('refuses a redirect to a non-HTTP scheme: %s', async (location) => {
    server.routes.set('/from', redirect(302, location));
    const outcome = expectKind(await fetchPage(`${server.origin}/from`, options), 'failed');
    expect(outcome).toMatchObject({ code: 'invalid-url', status: 302 });
  });

  it('treats a redirect status without Location as an HTTP failure (§15.4: nothing to follow)', async () => {
    server.routes.set('/from', (_req, res) => {
      res.writeHead(302);
      res.end();
    });
    expect(expectKind(await fetchPage(`${server.origin}/from`, options), 'failed')).toMatchObject({ code: 'http-status', status: 302 });
  });
});

describe('HTTP errors and Retry-After', () => {
  it('reports a 404 as a failed value carrying the status, not an exception', async () => {
    const outcome = expectKind(await fetchPage(`${server.origin}/missing`, options), 'failed');
    expect(outcome).toMatchObject({ code: 'http-status', status: 404, retryAfterSeconds: null });
  });

  it('reads Retry-After delay-seconds on 429 Too Many Requests (RFC 6585 §4, RFC 9110 §10.2.3)', async () => {
    server.routes.set('/busy', (_req, res) => {
      res.writeHead(429, { 'retry-after': '120' });
      res.end();
    });
    expect(expectKind(await fetchPage(`${server.origin}/busy`, options), 'failed')).toMatchObject({
      code: 'http-status',
      status: 429,
      retryAfterSeconds: 120,
    });
  });

  it('reads Retry-After as an HTTP-date on 503, measured against the response Date (RFC 9110 §10.2.3, §15.6.4)', async () => {
    server.routes.set('/down', (_req, res) => {
      res.writeHead(503, { date: 'Sun, 29 Nov 2026 12:00:00 GMT', 'retry-after': 'Sun, 29 Nov 2026 12:30:00 GMT' });
      res.end();
    });
    expect(expectKind(await fetchPage(`${server.origin}/down`, options), 'failed')).toMatchObject({
      status: 503,
      retryAfterSeconds: 1800,
    });
  });

  it('ignores a malformed Retry-After', async () => {
    server.routes.set('/down', (_req, res) => {
      res.writeHead(503, { 'retry-after': 'soon' });
      res.end();
    });
    expect(expectKind(await fetchPage(`${server.origin}/down`, options), 'failed').retryAfterSeconds).toBeNull();
  });

  it('refuses a response that is not HTML, by its Content-Type', async () => {
    server.routes.set('/data', html('{"a":1}', { 'content-type': 'application/json' }));
    expect(expectKind(await fetchPage(`${server.origin}/data`, options), 'failed')).toMatchObject({ code: 'not-html', status: 200 });
  });
});

describe('timeouts cover the whole exchange', () => {
  it('times out when the headers are slow', async () => {
    server.routes.set('/slow', (_req, res) => {
      const timer = setTimeout(() => html('<p>late</p>')(_req, res), 1_500);
      res.on('close', () => clearTimeout(timer));
    });
    const outcome = expectKind(await fetchPage(`${server.origin}/slow`, { ...options, timeoutMs: 200 }), 'failed');
    expect(outcome.code).toBe('timeout');
    expect(outcome.durationMs).toBeLessThan(1_000);
  });

  it('times out when the headers are prompt but the body trickles', async () => {
    server.routes.set('/trickle', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<p>');
      const timer = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(timer));
    });
    const outcome = expectKind(await fetchPage(`${server.origin}/trickle`, { ...options, timeoutMs: 300 }), 'failed');
    expect(outcome.code).toBe('timeout');
    expect(outcome.durationMs).toBeLessThan(1_000);
  });

  it('counts every redirect hop against the one budget', async () => {
    for (const [from, to] of [['/h1', '/h2'], ['/h2', '/h3'], ['/h3', '/h4']] as const) {
      server.routes.set(from, (_req, res) => {
        void sleep(150).then(() => {
          res.writeHead(302, { location: to });
          res.end();
        });
      });
    }
    server.routes.set('/h4', html('<p>end</p>'));
    const outcome = expectKind(await fetchPage(`${server.origin}/h1`, { ...options, timeoutMs: 350 }), 'failed');
    expect(outcome.code).toBe('timeout');
  });
});

describe('body size cap', () => {
  it('abandons an endless body once it passes maxBytes, without downloading the rest', async () => {
    let written = 0;
    let finishedWriting: (finished: boolean) => void = () => {};
    const closed = new Promise<boolean>((resolve) => (finishedWriting = resolve));
    server.routes.set('/huge', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }); // chunked: no length announced
      const chunk = Buffer.alloc(16 * 1024, 'a');
      const pump = () => {
        while (written < 50_000_000) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => finishedWriting(res.writableFinished));
      pump();
    });
    const outcome = expectKind(await fetchPage(`${server.origin}/huge`, { ...options, maxBytes: 200_000 }), 'failed');
    expect(outcome).toMatchObject({ code: 'too-large', status: 200 });
    // The fetcher hung up: the server never got to finish its 50 MB.
    expect(await closed).toBe(false);
    expect(written).toBeLessThan(10_000_000);
  });

  it('refuses up front a body whose Content-Length exceeds maxBytes', async () => {
    server.routes.set('/big', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': '5000000' });
      res.write('<p>'); // never finishes: the fetcher must not wait for it
    });
    const outcome = expectKind(await fetchPage(`${server.origin}/big`, { ...options, maxBytes: 1_000 }), 'failed');
    expect(outcome.code).toBe('too-large');
    // the setting that raises the cap is named (QA: the error said only "the 1000-byte limit")
    expect(outcome.message).toBe('Content-Length 5000000 exceeds FETCH_MAX_BYTES, 1000 bytes');
  });

  it('applies the cap to the decompressed size, so a gzip bomb is stopped', async () => {
    const bomb = gzipSync(Buffer.alloc(20_000_000, ' '));
    expect(bomb.length).toBeLessThan(100_000);
    server.routes.set('/bomb', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
      res.end(bomb);
    });
    const outcome = expectKind(await fetchPage(`${server.origin}/bomb`, { ...options, maxBytes: 1_000_000 }), 'failed');
    expect(outcome.code).toBe('too-large');
    expect(outcome.message).toBe('body exceeds FETCH_MAX_BYTES, 1000000 bytes');
  });

  it('accepts a body of exactly maxBytes', async () => {
    server.routes.set('/exact', html('x'.repeat(1_000)));
    expect(expectKind(await fetchPage(`${server.origin}/exact`, { ...options, maxBytes: 1_000 }), 'fetched').body).toHaveLength(1_000);
  });
});

describe('content codings (RFC 9110 §8.4.1)', () => {
  const page = '<p>' + 'Compressed news text. '.repeat(200) + '</p>';

  it('advertises gzip and deflate in Accept-Encoding over plain http (br only over https, as browsers do)', async () => {
    server.routes.set('/page', html('<p>x</p>'));
    await fetchPage(`${server.origin}/page`, options);
    const accepted = String(server.requests[0]?.headers['accept-encoding']);
    expect(accepted).toContain('gzip');
    expect(accepted).toContain('deflate');
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('undoes Content-Encoding: %s, returning the decoded bytes', async (coding, compress) => {
    const compressed = compress(Buffer.from(page));
    server.routes.set('/page', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': coding });
      res.end(compressed);
    });
    const outcome = expectKind(await fetchPage(`${server.origin}/page`, options), 'fetched');
    expect(outcome.html).toBe(page);
    expect(outcome.body.byteLength).toBe(Buffer.byteLength(page));
  });
});

describe('charset decoding (WHATWG HTML encoding sniffing)', () => {
  function serve(bytes: Buffer, contentType: string) {
    return (_req: unknown, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': contentType });
      res.end(bytes);
    };
  }

  it('decodes windows-1252 declared by the Content-Type charset', async () => {
    server.routes.set('/p', serve(fixture('windows-1252-undeclared.html'), 'text/html; charset=windows-1252'));
    const outcome = expectKind(await fetchPage(`${server.origin}/p`, options), 'fetched');
    expect(outcome.encoding).toBe('windows-1252');
    expect(outcome.html).toContain('“Quoted” — price €5, naïve résumé.');
  });

  it('decodes windows-1252 declared only by <meta charset>', async () => {
    server.routes.set('/p', serve(fixture('windows-1252-meta.html'), 'text/html'));
    const outcome = expectKind(await fetchPage(`${server.origin}/p`, options), 'fetched');
    expect(outcome.encoding).toBe('windows-1252');
    expect(outcome.html).toContain('<title>Café crème</title>');
  });

  it('decodes Shift_JIS declared by the Content-Type charset (label "Shift_JIS")', async () => {
    server.routes.set('/p', serve(fixture('shift_jis-undeclared.html'), 'text/html; charset=Shift_JIS'));
    const outcome = expectKind(await fetchPage(`${server.origin}/p`, options), 'fetched');
    expect(outcome.encoding).toBe('shift_jis');
    expect(outcome.html).toContain('<title>日本語のニュース</title>');
  });

  it('decodes Shift_JIS declared only by <meta http-equiv="Content-Type">', async () => {
    server.routes.set('/p', serve(fixture('shift_jis-meta.html'), 'text/html'));
    const outcome = expectKind(await fetchPage(`${server.origin}/p`, options), 'fetched');
    expect(outcome.encoding).toBe('shift_jis');
    expect(outcome.html).toContain('東京で地震。被害はありません。');
  });

  it('lets the Content-Type charset win over a conflicting <meta> (transport layer outranks the prescan)', async () => {
    const bytes = Buffer.from('<meta charset="windows-1252"><p>Größe</p>', 'utf8');
    server.routes.set('/p', serve(bytes, 'text/html; charset=utf-8'));
    const outcome = expectKind(await fetchPage(`${server.origin}/p`, options), 'fetched');
    expect(outcome).toMatchObject({ encoding: 'utf-8', html: '<meta charset="windows-1252"><p>Größe</p>' });
  });
});

describe('failures before any response', () => {
  it.each([['not a url'], ['/relative/path'], ['ftp://example.org/file'], ['file:///etc/passwd'], ['http://user:secret@127.0.0.1/']])(
    'refuses %s as invalid-url without a request',
    async (url) => {
      const outcome = expectKind(await fetchPage(url, options), 'failed');
      expect(outcome.code).toBe('invalid-url');
      expect(server.connections).toBe(0);
    },
  );

  it('reports a refused connection as a network failure', async () => {
    const port = await closedPort();
    const outcome = expectKind(await fetchPage(`http://127.0.0.1:${port}/`, options), 'failed');
    expect(outcome).toMatchObject({ code: 'network', status: null });
    expect(outcome.message).toContain('ECONNREFUSED');
  });

  it('reports a name that does not resolve as a dns failure (.invalid never resolves, RFC 6761 §6.4)', async () => {
    const outcome = expectKind(await fetchPage('http://no-such-host.invalid/', options), 'failed');
    expect(outcome.code).toBe('dns');
  });
});
