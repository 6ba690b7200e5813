import type { Socket } from 'node:net';
import Fastify, { FastifyInstance, FastifyError, FastifyReply, FastifySchema } from 'fastify';
import { AjvCompiler } from '@fastify/ajv-compiler';
import { logInternalError } from './internal-errors';
import { storageRefusal } from './unavailable';
import { STARTUP_INCOMPLETE, STARTUP_INCOMPLETE_DETAIL, type Readiness } from './readiness';

/** An error the caller can act on; rendered as the contract's `{detail, code}`. */
export class ApiError extends Error {
  constructor(readonly statusCode: number, readonly code: string, detail: string) {
    super(detail);
  }
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** Contract section 8: deeper JSON is refused before anything walks it. */
export const MAX_JSON_DEPTH = 64;
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** How deep the JSON text nests, in one pass over it: JSON.parse would recurse as deep as it goes. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') deepest = Math.max(deepest, ++depth);
    else if (c === '}' || c === ']') depth--;
  }
  return deepest;
}

/** What makes a parsed body unacceptable whatever the route: a null byte, or a key that names a prototype. */
export function hostilePart(value: unknown): string | undefined {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (next.includes('\u0000')) return 'a null byte in a text';
    } else if (next !== null && typeof next === 'object') {
      for (const [key, inner] of Object.entries(next)) {
        if (PROTOTYPE_KEYS.has(key)) return `the key "${key}", which is not accepted as a name`;
        if (key.includes('\u0000')) return 'a null byte in a key';
        pending.push(inner);
      }
    }
  }
  return undefined;
}

/** Parses a JSON body, refusing what no route accepts with a sentence that says what was wrong. */
export function parseJsonBody(text: string): unknown {
  if (nestingDepth(text) > MAX_JSON_DEPTH) throw new ApiError(400, 'BODY_TOO_DEEP', `The body is nested more than ${MAX_JSON_DEPTH} levels deep; flatten it`);
  let value: unknown;
  try {
    // JSON.parse makes "__proto__" an own key (it never sets a prototype); the check below refuses it.
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'INVALID_JSON', 'The body is not valid JSON');
  }
  const hostile = hostilePart(value);
  if (hostile) throw new ApiError(400, 'INVALID_BODY', `The body holds ${hostile}; nothing was changed`);
  return value;
}

/** Errors Node's HTTP parser meets before any route (a header too long, a body too slow), in the contract's shape. */
function clientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable) return;
  const [status, code, detail] =
    error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'HEADERS_TOO_LARGE', 'The request headers are too large.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'REQUEST_TIMEOUT', 'The request did not arrive in time; send it again.']
        : [400, 'BAD_REQUEST', 'The request is not well-formed HTTP.'];
  const body = JSON.stringify({ detail, code });
  socket.end(`HTTP/1.1 ${status} ${code.replace(/_/g, ' ')}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** What a preflight may ask to send: the methods the routes use and the headers the front end sets. */
const CORS_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const CORS_HEADERS = 'Authorization, Content-Type';

/**
 * Contract section 9: a page on a listed origin may call with the customer's credentials, and is
 * told so by name; any other origin is told nothing, so its browser keeps the answer from it.
 * `*` (development only) allows any origin, still answered by name: a browser refuses `*` on a
 * call that carries credentials, and `*` is never sent at all.
 */
function allowCrossOrigin(app: FastifyInstance, allowedOrigins: string[]): void {
  const anyOrigin = allowedOrigins.includes('*');
  const allowed = (origin: string | undefined): origin is string => !!origin && origin !== 'null' && (anyOrigin || allowedOrigins.includes(origin));
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    reply.header('vary', 'Origin');
    if (!allowed(origin)) return;
    reply.header('access-control-allow-origin', origin);
    reply.header('access-control-allow-credentials', 'true');
  });
  // A preflight is answered before any route, so that it never needs the credentials it asks about.
  app.options('/*', async (request, reply) => {
    if (allowed(request.headers.origin)) {
      reply.header('access-control-allow-methods', CORS_METHODS);
      reply.header('access-control-allow-headers', CORS_HEADERS);
      reply.header('access-control-max-age', '600');
    }
    return reply.status(204).send();
  });
}

const AJV_OPTIONS = { allErrors: false, removeAdditional: false, coerceTypes: false } as const;

/**
 * Fastify's own request validators, compiled once per process for each distinct schema: a fresh
 * Fastify app compiles every route's schemas anew, and a process that starts many instances (the
 * suite starts one per scenario that needs its own) spent more time compiling than serving.
 * Keyed by the schema's content, so that a schema that differs, however slightly, is compiled anew.
 */
// Stryker disable all: a cache that compiled every time would behave the same, only slower
const compileShared = AjvCompiler()({}, { customOptions: AJV_OPTIONS });
const sharedValidators = new Map<string, ReturnType<typeof compileShared>>();
function sharedValidator(route: { schema: FastifySchema; method: string; url: string; httpPart?: string }) {
  const key = JSON.stringify(route.schema);
  let validate = sharedValidators.get(key);
  if (!validate) sharedValidators.set(key, (validate = compileShared(route)));
  return validate;
}
// Stryker restore all

/** A Fastify app whose every error, including schema failures, has the contract's shape. */
export function createHttpApp(limits: { requestTimeoutMs: number; allowedOrigins: string[]; readiness?: Readiness }): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: 1024 * 1024,
    // Contract section 8: a request must arrive whole in time, or it is refused with 408 (see
    // clientError): a client trickling its body in would otherwise hold a connection for ever.
    requestTimeout: limits.requestTimeoutMs,
    // Node looks for overdue requests only this often; its default, 30 s, would let one last twice the bound.
    http: { connectionsCheckingInterval: Math.min(1000, limits.requestTimeoutMs / 4), headersTimeout: Math.min(60_000, limits.requestTimeoutMs) },
    clientErrorHandler: clientError,
    frameworkErrors: (error, _request, reply) => {
      (reply as FastifyReply).status(400).send({ detail: error.code === 'FST_ERR_BAD_URL' ? 'The address is not valid: it holds a broken %-encoding.' : sentence(error.message), code: 'BAD_URL' });
    },
  });
  app.setValidatorCompiler(sharedValidator);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
    try {
      done(null, text === '' ? undefined : parseJsonBody(text as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  const { readiness } = limits;
  if (readiness) {
    // Until start-up is complete only liveness (/health, which says why) and the test-only pages answer.
    app.addHook('onRequest', async (request) => {
      const path = request.url.split('?')[0];
      if (path === '/health' || path.startsWith('/__')) return;
      if (!readiness.ready()) throw new ApiError(503, STARTUP_INCOMPLETE, STARTUP_INCOMPLETE_DETAIL);
    });
  }

  app.setErrorHandler((error: FastifyError | ApiError, _request, reply) => {
    if (error instanceof ApiError) {
      return reply.status(error.statusCode).send({ detail: sentence(error.message), code: error.code });
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      const where = fastifyError.validationContext ?? 'body';
      const first = fastifyError.validation[0];
      const field = first?.instancePath ? first.instancePath.replace(/^\//, '').replace(/\//g, '.') : (first?.params as { missingProperty?: string })?.missingProperty;
      const detail = first?.keyword === 'required'
        ? `The ${where} is missing the required field "${field}"`
        : field
          ? `The ${where} field "${field}" ${first?.message ?? 'is invalid'}`
          : `The ${where} ${first?.message ?? 'is invalid'}`;
      return reply.status(422).send({ detail: sentence(detail), code: 'VALIDATION_ERROR' });
    }
    const refusal = storageRefusal(error);
    if (refusal) return reply.status(503).send(refusal);
    const status = fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500 ? fastifyError.statusCode : 500;
    if (status === 500) {
      // The reference is what an operator searches the log for when a customer quotes it.
      const reference = logInternalError(`${_request.method} ${_request.url.split('?')[0]}`, error);
      return reply.status(500).send({ detail: `The server failed to handle this request; it has been logged as ${reference}.`, code: 'INTERNAL_ERROR', reference });
    }
    return reply.status(status).send({ detail: sentence(fastifyError.message), code: (fastifyError.code ?? 'BAD_REQUEST').replace(/^FST_ERR_/, '') });
  });

  allowCrossOrigin(app, limits.allowedOrigins);

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ detail: `There is no ${request.method} ${request.url.split('?')[0]} on this service.`, code: 'NOT_FOUND' });
  });

  return app;
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
