import { afterEach, describe, expect, it } from 'vitest';
import { HttpError } from '../../src/http/http-error.js';
import { parseJsonBody, readBody } from '../../src/http/read-body.js';
import { sendJson } from '../../src/http/respond.js';
import { Router } from '../../src/http/router.js';
import { serveHttp, type RunningHttpServer } from '../../src/http/serve-http.js';

let running: RunningHttpServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

function router(): Router {
  return new Router()
    .add('GET', '/-/healthy', ({ response }) => sendJson(response, 200, 'ok'))
    .add('GET', '/things/:id', ({ response, params }) => sendJson(response, 200, { id: params.id }))
    .add('POST', '/things', async ({ request, response }) => sendJson(response, 200, parseJsonBody(await readBody(request, 64))))
    .add('GET', '/boom', () => {
      throw new Error('secret detail');
    })
    .add('GET', '/teapot', () => {
      throw new HttpError(418, 'short and stout');
    });
}

describe('serveHttp', () => {
  it('binds to 127.0.0.1 by default and routes with parameters', async () => {
    running = await serveHttp({ router: router(), port: 0 });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await fetch(`${running.url}/things/a%20b`);
    expect(await answer.json()).toEqual({ id: 'a b' });
  });

  it('answers 404 for unknown paths and 405 with Allow for known paths', async () => {
    running = await serveHttp({ router: router(), port: 0 });
    expect((await fetch(`${running.url}/nope`)).status).toBe(404);
    const wrongMethod = await fetch(`${running.url}/things`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });

  it('refuses bodies over the limit with 413 and malformed JSON with 400', async () => {
    running = await serveHttp({ router: router(), port: 0 });
    const big = await fetch(`${running.url}/things`, { method: 'POST', body: JSON.stringify({ x: 'y'.repeat(100) }) });
    expect(big.status).toBe(413);
    const bad = await fetch(`${running.url}/things`, { method: 'POST', body: '{"x":' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/invalid JSON/);
    const good = await fetch(`${running.url}/things`, { method: 'POST', body: '{"x":1}' });
    expect(await good.json()).toEqual({ x: 1 });
  });

  it('turns thrown errors into answers without leaking them, and keeps serving', async () => {
    const logged: string[] = [];
    running = await serveHttp({ router: router(), port: 0, log: (m) => logged.push(m) });
    const boom = await fetch(`${running.url}/boom`);
    expect(boom.status).toBe(500);
    expect(await boom.text()).not.toContain('secret detail');
    expect(logged).toHaveLength(1);
    expect((await fetch(`${running.url}/teapot`)).status).toBe(418);
    expect((await fetch(`${running.url}/-/healthy`)).status).toBe(200);
  });

  it('requires the bearer token or basic credentials when configured, except on public paths', async () => {
    const auth = { bearerToken: 's3cret', basic: { user: 'amtool', password: 'pw' } };
    running = await serveHttp({ router: router(), port: 0, auth, publicPaths: new Set(['/-/healthy']) });
    const none = await fetch(`${running.url}/things/1`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="klaxon", Basic realm="klaxon"');
    expect(await none.text()).not.toContain('s3cret');
    expect((await fetch(`${running.url}/things/1`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(`${running.url}/things/1`, { headers: { authorization: 'Bearer s3cret' } })).status).toBe(200);
    const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
    expect((await fetch(`${running.url}/things/1`, { headers: basic('amtool', 'pw') })).status).toBe(200);
    expect((await fetch(`${running.url}/things/1`, { headers: basic('amtool', 'no') })).status).toBe(401);
    expect((await fetch(`${running.url}/-/healthy`)).status).toBe(200);
  });
});
