/**
 * POSTing a notification with node:http(s) over kept-alive connections, following redirects as
 * Go's http.Client does: at most 10; 301, 302 and 303 go on as a GET without body, 307 and 308
 * repeat the POST; Authorization and Cookie are dropped when the redirect leaves the host.
 * The fetch API would do the same at several times the cost per request.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

const MAX_REDIRECTS = 10;
const SENSITIVE_ON_OTHER_HOSTS = ['authorization', 'cookie'];

const agents = {
  http: new HttpAgent({ keepAlive: true }),
  https: new HttpsAgent({ keepAlive: true }),
};

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpPostOptions {
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
  followRedirects: boolean;
  /** Aborting it destroys the request; the promise rejects with the signal's reason. */
  signal: AbortSignal;
}

/** Sends the POST; rejects on a network failure or when the signal aborts. */
export async function httpPost(url: string, options: HttpPostOptions): Promise<HttpAnswer> {
  let target = new URL(url);
  let method = 'POST';
  let body: string | undefined = options.body;
  let headers: OutgoingHttpHeaders = { ...options.headers, 'content-length': Buffer.byteLength(options.body) };
  for (let redirects = 0; ; redirects++) {
    const answer = await send(target, method, headers, body, options.signal);
    const location = answer.headers.location;
    if (!options.followRedirects || !isRedirect(answer.status) || location === undefined) return answer;
    if (redirects === MAX_REDIRECTS) throw new Error(`stopped after ${MAX_REDIRECTS} redirects`);
    const next = new URL(location, target);
    headers = { ...headers };
    if (next.host !== target.host) for (const name of SENSITIVE_ON_OTHER_HOSTS) delete headers[name];
    if (answer.status !== 307 && answer.status !== 308) {
      method = 'GET';
      body = undefined;
      delete headers['content-length'];
      delete headers['content-type'];
    }
    target = next;
  }
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function send(url: URL, method: string, headers: OutgoingHttpHeaders, body: string | undefined, signal: AbortSignal): Promise<HttpAnswer> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.reject(new Error(`unsupported protocol scheme ${JSON.stringify(url.protocol.slice(0, -1))}`));
  const secure = url.protocol === 'https:';
  return new Promise<HttpAnswer>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const request = (secure ? httpsRequest : httpRequest)(url, { method, headers, agent: secure ? agents.https : agents.http });
    const abort = () => request.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal.addEventListener('abort', abort, { once: true });
    const settle = () => signal.removeEventListener('abort', abort);
    request.on('error', (error) => {
      settle();
      reject(signal.aborted ? signal.reason : error);
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => {
        settle();
        reject(signal.aborted ? signal.reason : error);
      });
      response.on('end', () => {
        settle();
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    request.end(body);
  });
}
