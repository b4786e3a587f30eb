/** The silence endpoints over real HTTP: lifecycle, update versus replace, expiry, and upstream's refusals. */
import { describe, expect, it } from 'vitest';
import { MAX_SILENCE_REGEX_BYTES, MAX_SILENCE_REGEX_INSTRUCTIONS } from '../../../src/alertmanager/silences/validate-silence.js';
import { call, HOUR, iso, MINUTE, startApiServer, T0 } from './api-server.js';

interface GettableSilence {
  id: string;
  status: { state: string };
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  comment: string;
  createdBy: string;
  matchers: { name: string; value: string; isRegex: boolean; isEqual: boolean }[];
}

const matcher = (name: string, value: string, isRegex = false) => ({ name, value, isRegex });

function silenceBody(fields: Record<string, unknown> = {}) {
  return { matchers: [matcher('alertname', 'A')], startsAt: iso(0), endsAt: iso(HOUR), createdBy: 'me', comment: 'maintenance', ...fields };
}

const UNKNOWN_ID = '6f0c8b2e-3a55-4d7b-9e0b-1d2a3b4c5d6e';

describe('silences', () => {
  it('creates a silence that silences matching alerts, and lists and gets it', async () => {
    const { url } = await startApiServer();
    await call(url, 'POST', '/api/v2/alerts', [{ labels: { alertname: 'A' } }, { labels: { alertname: 'B' } }]);
    const created = await call(url, 'POST', '/api/v2/silences', silenceBody());
    expect(created.status).toBe(200);
    const id = (created.body as { silenceID: string }).silenceID;
    expect(id).toBe('00000000-0000-4000-8000-000000000001');

    const got = await call(url, 'GET', `/api/v2/silence/${id}`);
    expect(got.body).toEqual({
      id,
      status: { state: 'active' },
      updatedAt: iso(0),
      comment: 'maintenance',
      createdBy: 'me',
      endsAt: iso(HOUR),
      matchers: [{ isEqual: true, isRegex: false, name: 'alertname', value: 'A' }],
      startsAt: iso(0),
    });
    expect(((await call(url, 'GET', '/api/v2/silences')).body as GettableSilence[]).map((s) => s.id)).toEqual([id]);
    expect((await call(url, 'GET', '/api/v2/silences?filter=alertname%3DB')).body).toEqual([]);

    const alerts = (await call(url, 'GET', '/api/v2/alerts')).body as { labels: Record<string, string>; status: { state: string; silencedBy: string[] } }[];
    expect(alerts.map((a) => [a.labels['alertname'], a.status.state, a.status.silencedBy]).sort()).toEqual([
      ['A', 'suppressed', [id]],
      ['B', 'active', []],
    ]);
    const unsilenced = (await call(url, 'GET', '/api/v2/alerts?silenced=false')).body as { labels: Record<string, string> }[];
    expect(unsilenced.map((a) => a.labels['alertname'])).toEqual(['B']);
  });

  it('updates a silence in place when its matchers stay, and replaces it when they change', async () => {
    const { url, clock } = await startApiServer();
    const id = ((await call(url, 'POST', '/api/v2/silences', silenceBody())).body as { silenceID: string }).silenceID;
    clock.advance(MINUTE);

    const updated = await call(url, 'POST', '/api/v2/silences', silenceBody({ id, endsAt: iso(2 * HOUR), comment: 'longer' }));
    expect(updated.body).toEqual({ silenceID: id });
    const afterUpdate = (await call(url, 'GET', `/api/v2/silence/${id}`)).body as GettableSilence;
    expect(afterUpdate).toMatchObject({ comment: 'longer', endsAt: iso(2 * HOUR), updatedAt: iso(MINUTE), status: { state: 'active' } });

    const replaced = await call(url, 'POST', '/api/v2/silences', silenceBody({ id, matchers: [matcher('alertname', 'A|B', true)] }));
    const newId = (replaced.body as { silenceID: string }).silenceID;
    expect(newId).not.toBe(id);
    const old = (await call(url, 'GET', `/api/v2/silence/${id}`)).body as GettableSilence;
    expect(old).toMatchObject({ status: { state: 'expired' }, endsAt: iso(MINUTE) });
    const listed = (await call(url, 'GET', '/api/v2/silences')).body as GettableSilence[];
    expect(listed.map((s) => [s.id, s.status.state])).toEqual([
      [newId, 'active'],
      [id, 'expired'],
    ]);
  });

  it('expires with DELETE, again without complaint, and a pending silence starts and ends now', async () => {
    const { url, clock } = await startApiServer();
    const id = ((await call(url, 'POST', '/api/v2/silences', silenceBody())).body as { silenceID: string }).silenceID;
    const pending = ((await call(url, 'POST', '/api/v2/silences', silenceBody({ startsAt: iso(HOUR), endsAt: iso(2 * HOUR) }))).body as { silenceID: string }).silenceID;
    expect(((await call(url, 'GET', `/api/v2/silence/${pending}`)).body as GettableSilence).status.state).toBe('pending');
    clock.advance(MINUTE);

    expect((await call(url, 'DELETE', `/api/v2/silence/${id}`)).status).toBe(200);
    expect((await call(url, 'DELETE', `/api/v2/silence/${id}`)).status).toBe(200);
    expect((await call(url, 'GET', `/api/v2/silence/${id}`)).body).toMatchObject({ status: { state: 'expired' }, endsAt: iso(MINUTE) });
    await call(url, 'DELETE', `/api/v2/silence/${pending}`);
    expect((await call(url, 'GET', `/api/v2/silence/${pending}`)).body).toMatchObject({ status: { state: 'expired' }, startsAt: iso(MINUTE), endsAt: iso(MINUTE) });
  });

  it('refuses bad IDs, unknown silences and invalid silences as upstream does', async () => {
    const { url } = await startApiServer();
    expect(await call(url, 'GET', '/api/v2/silence/abc')).toMatchObject({ status: 422, body: { code: 601, message: 'silenceID in path must be of type uuid: "abc"' } });
    expect(await call(url, 'DELETE', '/api/v2/silence/abc')).toMatchObject({ status: 422, body: { code: 601, message: 'silenceID in path must be of type uuid: "abc"' } });
    expect(await call(url, 'GET', `/api/v2/silence/${UNKNOWN_ID}`)).toMatchObject({ status: 404, body: 'silence not found' });
    expect(await call(url, 'GET', `/api/v2/silence/${UNKNOWN_ID.replace(/-/g, '').toUpperCase()}`)).toMatchObject({ status: 404 });
    expect(await call(url, 'DELETE', `/api/v2/silence/${UNKNOWN_ID}`)).toMatchObject({ status: 404, body: 'silence not found' });
    expect(await call(url, 'POST', '/api/v2/silences', silenceBody({ id: UNKNOWN_ID }))).toMatchObject({ status: 404, body: 'silence not found' });
    expect(await call(url, 'POST', '/api/v2/silences', silenceBody({ matchers: [matcher('a', '(', true)] }))).toMatchObject({
      status: 400,
      body: 'silence invalid: invalid label matcher 0: invalid regular expression "(": error parsing regexp: missing closing ): `(`',
    });
    expect(await call(url, 'POST', '/api/v2/silences', silenceBody({ endsAt: iso(-MINUTE), startsAt: iso(-HOUR) }))).toMatchObject({
      status: 400,
      body: "Failed to create silence: end time can't be in the past",
    });
    expect(await call(url, 'POST', '/api/v2/silences', silenceBody({ comment: undefined }))).toMatchObject({ status: 422, body: { code: 602, message: 'comment in body is required' } });
    expect(await call(url, 'POST', '/api/v2/silences', '')).toMatchObject({ status: 422, body: { code: 602, message: 'silence in body is required' } });
    expect(await call(url, 'GET', '/api/v2/silences?filter=a%3D~%22(%22')).toMatchObject({ status: 400 });
    expect((await call(url, 'GET', '/api/v2/silences')).body).toEqual([]);
  });

  it("refuses a matcher regex over Klaxon's limits with 400, and stores nothing", async () => {
    const { url } = await startApiServer();
    expect(await call(url, 'POST', '/api/v2/silences', silenceBody({ matchers: [matcher('a', 'b'), matcher('c', 'x'.repeat(100_000), true)] }))).toMatchObject({
      status: 400,
      body: `silence invalid: invalid label matcher 1: regular expression too long: 100000 bytes (limit: ${MAX_SILENCE_REGEX_BYTES} bytes)`,
    });
    expect(await call(url, 'POST', '/api/v2/silences', silenceBody({ matchers: [matcher('a', '(abcdefghijklmnopqrstuvwxyz0123){1000}', true)] }))).toMatchObject({
      status: 400,
      body: `silence invalid: invalid label matcher 0: regular expression too complex: it compiles to 32002 instructions (limit: ${MAX_SILENCE_REGEX_INSTRUCTIONS})`,
    });
    expect((await call(url, 'GET', '/api/v2/silences')).body).toEqual([]);
  });

  it('keeps the virtual clock: a silence ending now is expired', async () => {
    const { url, clock } = await startApiServer();
    const id = ((await call(url, 'POST', '/api/v2/silences', silenceBody())).body as { silenceID: string }).silenceID;
    clock.advanceTo(T0 + HOUR);
    expect(((await call(url, 'GET', `/api/v2/silence/${id}`)).body as GettableSilence).status.state).toBe('expired');
  });
});
