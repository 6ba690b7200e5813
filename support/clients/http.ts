import { IncomingMessage, request as nodeRequest } from 'node:http';
import { redact } from '../redact';
import { checkHttpAnswer } from '../contract/http-checks';
import { scenarioRecorder } from '../contract/violations';
import { DEADLINES } from '../deadlines';

export interface HttpResponse<T = any> {
  status: number;
  body: T;
  text: string;
  /** e.g. "POST /auth/login", for failure messages. */
  call: string;
  elapsedMs: number;
  /** Where a redirect points. */
  location?: string;
  /** Every response header, by lower-case name (fetch's answers only). */
  headers?: Record<string, string>;
}

export interface HttpOptions {
  token?: string;
  body?: unknown;
  /** A body sent exactly as given, as JSON's content type: for bodies a JSON encoder would never write. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** How the token is written into the Authorization header; "Bearer <token>" unless a scenario writes it otherwise. */
  authorization?: AuthorizationWriter;
}

/** Writes a token into an Authorization header's value. */
export type AuthorizationWriter = (token: string) => string;

/** One JSON call over HTTP; the response is returned whatever its status, so steps can state expectations. */
export async function http<T = any>(method: string, url: string, options: HttpOptions = {}): Promise<HttpResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = options.authorization ? options.authorization(options.token) : `Bearer ${options.token}`;
  if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] = 'application/json';
  const started = performance.now();
  const call = `${method} ${new URL(url).pathname}`;
  // Every answer a scenario receives is held to the contract; the After hook in support/hooks/contract.ts reports it.
  const contract = scenarioRecorder();
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      redirect: 'manual',
      signal: AbortSignal.timeout(DEADLINES.request),
    });
  } catch (error) {
    throw new Error(`${call} could not reach ${new URL(url).host}: ${(error as Error).message}`);
  }
  const text = await response.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: the text stays in body for the failure message.
  }
  const answer = { status: response.status, body, text, call, elapsedMs: performance.now() - started, location: response.headers.get('location') ?? undefined, headers: Object.fromEntries(response.headers) };
  contract(() =>
    checkHttpAnswer({ ...answer, method, url, contentType: response.headers.get('content-type'), request: { token: options.token, body: options.body } }),
  );
  return answer;
}

/** The whole of a node:http answer, as text and, where it is JSON, parsed. */
function readAll(response: IncomingMessage, done: (text: string, body: any) => void): void {
  let text = '';
  response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  response.on('end', () => {
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: kept as text.
    }
    done(text, body);
  });
}

/**
 * A GET whose Host header claims another address. fetch will not send a Host of the caller's
 * choosing, so this goes through node:http; the answer is held to the contract all the same.
 */
export function getClaimingHost(url: string, host: string): Promise<HttpResponse> {
  const contract = scenarioRecorder();
  const call = `GET ${new URL(url).pathname}`;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = nodeRequest(url, { headers: { host }, timeout: DEADLINES.request }, (response) => {
      readAll(response, (text, body) => {
        const answer = { status: response.statusCode ?? 0, body, text, call, elapsedMs: performance.now() - started, location: response.headers.location };
        contract(() => checkHttpAnswer({ ...answer, method: 'GET', url, contentType: response.headers['content-type'] ?? null, request: {} }));
        resolve(answer);
      });
    });
    request.on('timeout', () => request.destroy(new Error('no answer within 15 s')));
    request.on('error', (error) => reject(new Error(`${call} could not reach ${new URL(url).host}: ${error.message}`)));
    request.end();
  });
}

/**
 * A JSON request whose body is sent in pieces spread evenly over `overMs`, as a client on a bad
 * network (or one holding the connection on purpose) sends it. The pacing is the client's
 * behaviour under test, not a wait; sending stops as soon as the server answers.
 */
export function trickle(method: string, url: string, options: { token?: string; body: string; overMs: number; pieces?: number }): Promise<HttpResponse> {
  const contract = scenarioRecorder();
  const call = `${method} ${new URL(url).pathname}`;
  const pieces = options.pieces ?? 8;
  const size = Math.ceil(Buffer.byteLength(options.body) / pieces);
  const bytes = Buffer.from(options.body);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': bytes.length };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const request = nodeRequest(url, { method, headers, timeout: DEADLINES.request + options.overMs }, (response) => {
      clearTimeout(timer);
      readAll(response, (text, body) => {
        const answer = { status: response.statusCode ?? 0, body, text, call, elapsedMs: performance.now() - started };
        contract(() => checkHttpAnswer({ ...answer, method, url, contentType: response.headers['content-type'] ?? null, request: { token: options.token } }));
        resolve(answer);
      });
    });
    const next = () => {
      request.write(bytes.subarray(sent * size, (sent + 1) * size));
      sent += 1;
      if (sent < pieces) timer = setTimeout(next, options.overMs / (pieces - 1));
      else request.end();
    };
    request.on('timeout', () => request.destroy(new Error('no answer in time')));
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${call} could not reach ${new URL(url).host}: ${error.message}`));
    });
    next();
  });
}

/** Fails with the call, the status and the (redacted) body when the status is not the expected one. */
export function expectStatus<T>(response: HttpResponse<T>, expected: number, doing: string): HttpResponse<T> {
  if (response.status !== expected) {
    throw new Error(`${doing}: expected ${response.call} to answer ${expected}, it answered ${response.status}: ${redact(response.text).slice(0, 500)}`);
  }
  return response;
}
