import { describe, expect, it } from 'vitest';
import { ApiPayloadError } from '../../../src/alertmanager/alerts/api-errors.js';
import { parsePostableAlerts } from '../../../src/alertmanager/alerts/postable-alert.js';
import { T0 } from './alert-fixtures.js';

const ALERT_STRUCT =
  'struct { Annotations models.LabelSet "json:\\"annotations,omitempty\\""; EndsAt strfmt.DateTime "json:\\"endsAt,omitempty\\""; StartsAt strfmt.DateTime "json:\\"startsAt,omitempty\\"" }';
const failed = (reason: string) => `parsing alerts body from "" failed, because ${reason}`;

function payloadError(body: unknown): ApiPayloadError {
  try {
    parsePostableAlerts(body);
  } catch (e) {
    if (e instanceof ApiPayloadError) return e;
    throw e;
  }
  throw new Error('expected an ApiPayloadError');
}

describe('parsePostableAlerts', () => {
  it('decodes labels, annotations, times and the generator URL', () => {
    const [alert] = parsePostableAlerts([
      { labels: { alertname: 'X', empty: '' }, annotations: { summary: 's' }, startsAt: '2026-11-27T05:00:00Z', generatorURL: 'http://g/x' },
    ]);
    expect(alert).toEqual({
      labels: [['alertname', 'X'], ['empty', '']],
      annotations: [['summary', 's']],
      startsAt: T0,
      endsAt: 0,
      generatorURL: 'http://g/x',
    });
  });

  it('takes null as unset, matches field names case-insensitively and ignores unknown fields', () => {
    const [alert] = parsePostableAlerts([
      { Labels: { a: null }, annotations: null, startsAt: null, endsAt: null, generatorURL: null, extra: [1] },
    ]);
    expect(alert).toEqual({ labels: [['a', '']], annotations: [], startsAt: 0, endsAt: 0, generatorURL: '' });
    expect(parsePostableAlerts(null)).toEqual([]);
  });

  it('turns lone surrogate escapes into U+FFFD as Go does', () => {
    const [alert] = parsePostableAlerts(JSON.parse('[{"labels":{"a":"\\ud800x"}}]'));
    expect(alert!.labels).toEqual([['a', '\ufffdx']]);
  });

  // Statuses and messages as Alertmanager 0.25 answers them.
  it.each<[string, unknown, 400 | 422, string, string]>([
    ['an object body', {}, 400, failed('json: cannot unmarshal object into Go value of type models.PostableAlerts'), '$'],
    ['a string body', 'x', 400, failed('json: cannot unmarshal string into Go value of type models.PostableAlerts'), '$'],
    ['a string element', ['x'], 400, failed(`json: cannot unmarshal string into Go value of type ${ALERT_STRUCT}`), '$[0]'],
    ['a number label value', [{ labels: { a: 1 } }], 400, failed('json: cannot unmarshal number into Go struct field Alert.labels of type string'), '$[0].labels.a'],
    ['array labels', [{ labels: [] }], 400, failed('json: cannot unmarshal array into Go struct field Alert.labels of type models.LabelSet'), '$[0].labels'],
    ['bool label value', [{ labels: { 'a-b': true } }], 400, failed('json: cannot unmarshal bool into Go struct field Alert.labels of type string'), '$[0].labels["a-b"]'],
    ['string annotations', [{ labels: { a: 'b' }, annotations: 'x' }], 400, failed('json: cannot unmarshal string into Go struct field .annotations of type models.LabelSet'), '$[0].annotations'],
    ['a number annotation', [{ labels: { a: 'b' }, annotations: { a: 5 } }], 400, failed('json: cannot unmarshal number into Go struct field .annotations of type string'), '$[0].annotations.a'],
    ['a number startsAt', [{ labels: { a: 'b' }, startsAt: 5 }], 400, failed('json: cannot unmarshal number into Go struct field .startsAt of type string'), '$[0].startsAt'],
    ['an object endsAt', [{ labels: { a: 'b' }, endsAt: {} }], 400, failed('json: cannot unmarshal object into Go struct field .endsAt of type string'), '$[0].endsAt'],
    ['a bad time', [{ labels: { a: 'b' }, startsAt: 'nope' }], 400, failed('parsing time "nope" as "2006-01-02 15:04:05": cannot parse "nope" as "2006"'), '$[0].startsAt'],
    ['a number generatorURL', [{ labels: { a: 'b' }, generatorURL: 5 }], 400, failed('json: cannot unmarshal number into Go struct field Alert.generatorURL of type string'), '$[0].generatorURL'],
    ['no labels', [{}], 422, '0.labels in body is required', '$[0].labels'],
    ['null labels', [{ labels: { a: 'b' } }, { labels: null }], 422, '1.labels in body is required', '$[1].labels'],
    ['a null element', [null], 422, '0.labels in body is required', '$[0].labels'],
    ['a bad generatorURL', [{ labels: { a: 'b' }, generatorURL: 'not a uri at all' }], 422, '0.generatorURL in body must be of type uri: "not a uri at all"', '$[0].generatorURL'],
    ['a generatorURL that starts with a colon', [{ labels: { a: 'b' }, generatorURL: '::not a uri' }], 422, '0.generatorURL in body must be of type uri: "::not a uri"', '$[0].generatorURL'],
  ])('refuses %s', (_name, body, status, message, path) => {
    const error = payloadError(body);
    expect([error.status, error.message, error.path]).toEqual([status, message, path]);
    const code = status === 400 ? 400 : message.endsWith('is required') ? 602 : 601;
    expect(error.body()).toEqual({ code, message });
  });

  it('reports the generator URL before missing labels, as go-swagger checks fields alphabetically', () => {
    expect(payloadError([{ generatorURL: 'bad uri' }]).message).toBe('0.generatorURL in body must be of type uri: "bad uri"');
  });

  // Which of several decoding errors upstream reports: go-swagger decodes element by element,
  // annotations and times before labels and generatorURL, and times and URIs fail at once.
  it.each<[string, unknown, string]>([
    ['the first bad element', [1, { labels: { a: 'b' }, startsAt: 'nope' }], `json: cannot unmarshal number into Go value of type ${ALERT_STRUCT}`],
    ['a bad time after a bad label', [{ labels: { a: 1 }, startsAt: 'nope' }], 'parsing time "nope" as "2006-01-02 15:04:05": cannot parse "nope" as "2006"'],
    ['bad annotations before bad labels', [{ labels: 'x', annotations: 7 }], 'json: cannot unmarshal number into Go struct field .annotations of type models.LabelSet'],
    ['a bad generatorURL after bad labels', [{ labels: 'x', generatorURL: 3 }], 'json: cannot unmarshal number into Go struct field Alert.generatorURL of type string'],
    ['the first of two bad labels', [{ labels: { a: 1, b: [] } }], 'json: cannot unmarshal number into Go struct field Alert.labels of type string'],
  ])('reports %s', (_name, body, reason) => {
    expect(payloadError(body).message).toBe(failed(reason));
  });

  it('reports a decoding error before any schema error', () => {
    expect(payloadError([{}, { labels: { a: 1 } }]).status).toBe(400);
  });

  it.each(['http://g/x', 'https://host:9090/graph?g0.expr=up%20%3E%200', '/relative/path', 'mailto:someone', '*', 'http://[::1]:80/'])(
    'accepts the URI %s',
    (uri) => {
      expect(parsePostableAlerts([{ labels: { a: 'b' }, generatorURL: uri }])[0]!.generatorURL).toBe(uri);
    },
  );

  it.each(['http://a b/', 'http://host:port/', '/bad%zzescape', 'relative', 'http://x/\n'])('refuses the URI %j', (uri) => {
    expect(payloadError([{ labels: { a: 'b' }, generatorURL: uri }]).status).toBe(422);
  });
});
