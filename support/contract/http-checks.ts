import { decodeJwt, decodeProtectedHeader, JWTPayload, ProtectedHeaderParameters } from 'jose';
import { documentOf, follow, schemaViolations, validatorAt } from './schemas';
import { leakViolations, savingsViolations } from './figures';
import { Violation, excerpt, violation } from './violations';

/** One HTTP answer as the suite received it, with what the request carried that the checks compare against. */
export interface HttpAnswer {
  method: string;
  url: string;
  status: number;
  text: string;
  contentType?: string | null;
  location?: string;
  elapsedMs: number;
  request?: { token?: string; body?: unknown };
}

/** The reference platform's test-only routes and its stand-in for Google: outside the contract, so not checked. */
const NOT_IN_CONTRACT = [/^\/__faults$/, /^\/__diagnostics$/, /^\/auth\/simulated-provider\//];

interface Route {
  template: string;
  pattern: RegExp;
  item: Record<string, any>;
}

let routes: Route[] | undefined;

function routeFor(pathname: string): Route | undefined {
  routes ??= Object.entries(documentOf('openapi.json').paths as Record<string, Record<string, any>>).map(([template, item]) => ({
    template,
    item,
    pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));
  return routes.find((r) => r.template === pathname) ?? routes.find((r) => r.pattern.test(pathname));
}

/** One documented response, and where its JSON body's schema lives (none for 204 and 302). */
function documentedResponse(template: string, method: string, status: string): { response: any; schemaAt?: string[] } {
  const operation = documentOf('openapi.json').paths[template][method];
  const { node: response, at } = follow('openapi.json', operation.responses[status], ['paths', template, method, 'responses', status]);
  return { response, schemaAt: response.content?.['application/json'] ? [...at, 'content', 'application/json', 'schema'] : undefined };
}

/** Compiles every response schema now, so that no scenario waits for a compilation. */
export function prepareHttpChecks(): void {
  for (const [template, item] of Object.entries(documentOf('openapi.json').paths as Record<string, Record<string, any>>)) {
    for (const method of Object.keys(item).filter((key) => key !== 'parameters')) {
      for (const status of Object.keys(item[method].responses)) {
        const { schemaAt } = documentedResponse(template, method, status);
        if (schemaAt) validatorAt('openapi.json', schemaAt);
      }
    }
  }
  validatorAt('openapi.json', ERROR_SCHEMA);
}

const ERROR_SCHEMA = ['components', 'schemas', 'Error'];

function json(text: string): { ok: true; value: any } | { ok: false } {
  try {
    return text === '' ? { ok: false } : { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * Checks one answer against contract/openapi.json: the route and status must be documented
 * there, the body must match that status's schema, and the figures in it must agree with the
 * tokens and times they describe.
 */
const BEFORE_ANY_ROUTE = new Set([400, 408, 413, 431]);

export function checkHttpAnswer(answer: HttpAnswer): Violation[] {
  const { pathname } = new URL(answer.url);
  if (NOT_IN_CONTRACT.some((route) => route.test(pathname))) return [];
  const method = answer.method.toLowerCase();
  const route = routeFor(pathname);
  const operation = route?.item[method];
  const subject = `${answer.method.toUpperCase()} ${route?.template ?? pathname} → ${answer.status}`;
  const body = json(answer.text);
  const shown = body.ok ? body.value : answer.text;

  // Section 9: a browser's preflight may ask about any route; it is answered without a body.
  if (method === 'options' && route && (answer.status === 204 || answer.status === 200)) {
    return answer.text === '' ? [] : [{ subject, path: '', rule: 'a preflight answer has no body', excerpt: excerpt(shown) }];
  }
  if (!route || !operation) {
    // Section 8: an unknown route or method is refused in the {detail, code} shape; any other answer is one the contract does not describe.
    if ((answer.status === 404 || answer.status === 405) && body.ok) return schemaViolations(validatorAt('openapi.json', ERROR_SCHEMA), body.value, subject);
    const known = route ? ` (it has ${Object.keys(route.item).filter((k) => k !== 'parameters').map((m) => m.toUpperCase()).join(', ')})` : '';
    return [{ subject, path: '', rule: `the contract has no ${answer.method.toUpperCase()} ${pathname}${known}, and an unknown route is refused with 404 or 405 {detail, code}`, excerpt: excerpt(shown) }];
  }

  // Section 8: what is refused before any route is chosen (a broken address, headers too large, a
  // body too large or too slow) may meet any request, always in the {detail, code} shape.
  if (!operation.responses?.[String(answer.status)] && BEFORE_ANY_ROUTE.has(answer.status) && body.ok) {
    return schemaViolations(validatorAt('openapi.json', ERROR_SCHEMA), body.value, subject);
  }
  if (!operation.responses?.[String(answer.status)]) {
    return [{ subject, path: '', rule: `${answer.status} is not a status the contract names for ${answer.method.toUpperCase()} ${route.template} (it names ${Object.keys(operation.responses).join(', ')})`, excerpt: excerpt(shown) }];
  }
  const { response, schemaAt } = documentedResponse(route.template, method, String(answer.status));

  if (!schemaAt) {
    const found: Violation[] = [];
    if (answer.status === 204 && answer.text !== '') found.push({ subject, path: '', rule: 'a 204 answer has no body', excerpt: excerpt(shown) });
    if (response.headers?.Location?.required && !answer.location) found.push({ subject, path: '', rule: 'a redirect says where to, in its Location header', excerpt: 'no Location' });
    return [...found, ...(SUCCESS_CHECKS[operation.operationId]?.(answer, undefined, subject) ?? [])];
  }
  if (!/^application\/json\b/i.test(answer.contentType ?? '')) {
    return [{ subject, path: '', rule: `the body is sent as application/json, not ${answer.contentType ?? 'without a content type'}`, excerpt: excerpt(shown) }];
  }
  if (!body.ok) return [{ subject, path: '', rule: 'the body is JSON', excerpt: excerpt(answer.text) }];

  const found = schemaViolations(validatorAt('openapi.json', schemaAt), body.value, subject);
  if (answer.status >= 400) found.push(...leakViolations(subject, body.value, '/detail', body.value?.detail));
  else found.push(...(SUCCESS_CHECKS[operation.operationId]?.(answer, body.value, subject) ?? []));
  return found;
}

type Check = (answer: HttpAnswer, body: any, subject: string) => Violation[];

/** The claims of a token in the body, checked to be of the kind its field says. */
function tokenClaims(subject: string, body: any, field: string, kind: string, found: Violation[]): JWTPayload | undefined {
  if (typeof body?.[field] !== 'string') return undefined;
  const claims = readClaims(body[field]);
  if (!claims) {
    found.push(violation(subject, body, `/${field}`, 'is a JWT whose claims can be read'));
    return undefined;
  }
  if (claims.token_type !== kind) found.push(violation(subject, body, `/${field}`, `is a JWT whose token_type claim is "${kind}"; it says ${JSON.stringify(claims.token_type)}`));
  const header = readHeader(body[field]);
  if (header?.alg !== 'HS256' || header?.typ !== 'JWT') found.push(violation(subject, body, `/${field}`, `is a JWT whose header says alg HS256 and typ JWT; it says ${JSON.stringify(header)}`));
  return claims;
}

/** expires_in is the real lifetime of the access token: its exp − iat, give or take the second it was rounded to. */
function lifetimeViolations(subject: string, body: any, claims: JWTPayload): Violation[] {
  if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number') return [violation(subject, body, '/access_token', 'is a JWT with iat and exp claims')];
  const lifetime = claims.exp - claims.iat;
  if (typeof body.expires_in !== 'number' || Math.abs(body.expires_in - lifetime) <= 1) return [];
  return [violation(subject, body, '/expires_in', `is the access token's real lifetime in seconds: its exp − iat is ${lifetime} s (±1 s)`)];
}

const tokenSet: Check = (_answer, body, subject) => {
  const found: Violation[] = [];
  const access = tokenClaims(subject, body, 'access_token', 'access', found);
  tokenClaims(subject, body, 'refresh_token', 'refresh', found);
  if (access) found.push(...lifetimeViolations(subject, body, access));
  return found;
};

const signedIn: Check = (answer, body, subject) => {
  const found = tokenSet(answer, body, subject);
  const sub = readClaims(body?.access_token)?.sub;
  if (sub !== undefined && body?.user?.id !== sub) found.push(violation(subject, body, '/user/id', `is the user the access token names (its sub is ${sub})`));
  return found;
};

const serviceToken: Check = (_answer, body, subject) => {
  const found: Violation[] = [];
  const claims = tokenClaims(subject, body, 'access_token', 'service', found);
  if (claims) found.push(...lifetimeViolations(subject, body, claims));
  return found;
};

function readHeader(token: string): ProtectedHeaderParameters | undefined {
  try {
    return decodeProtectedHeader(token);
  } catch {
    return undefined;
  }
}

function readClaims(token: unknown): JWTPayload | undefined {
  try {
    return typeof token === 'string' ? decodeJwt(token) : undefined;
  } catch {
    return undefined;
  }
}

/** A time the answer states for a token is that token's exp (to the second), and the user is the token's sub. */
function aboutToken(subject: string, body: any, token: unknown, fields: { expiry: string; user: string }): Violation[] {
  const claims = readClaims(token);
  if (!claims || typeof claims.exp !== 'number') return [];
  const found: Violation[] = [];
  const stated = Date.parse(body?.[fields.expiry]);
  if (!Number.isNaN(stated) && Math.abs(stated / 1000 - claims.exp) > 1) {
    found.push(violation(subject, body, `/${fields.expiry}`, `is the token's exp, ${new Date(claims.exp * 1000).toISOString()} (±1 s)`));
  }
  if (claims.sub !== undefined && body?.[fields.user] !== claims.sub) found.push(violation(subject, body, `/${fields.user}`, `is the user the token names (its sub is ${claims.sub})`));
  return found;
}

const validate: Check = (answer, body, subject) =>
  body?.valid === true ? aboutToken(subject, body, (answer.request?.body as { token?: unknown } | undefined)?.token, { expiry: 'expires_at', user: 'user_id' }) : [];

const me: Check = (answer, body, subject) => aboutToken(subject, body, answer.request?.token, { expiry: 'token_expires_at', user: 'user_id' });

const run: Check = (_answer, body, subject) => {
  const [started, completed] = [Date.parse(body?.started_at), Date.parse(body?.completed_at)];
  return completed < started ? [violation(subject, body, '/completed_at', `is not before started_at (${body.started_at})`)] : [];
};

/**
 * Seconds, and no more than the call itself took: a value in milliseconds would be a thousand
 * times too big. The slack is for comparing the server's wall clock with the suite's monotonic
 * one, which on a stalling virtual machine drift apart by a few hundred milliseconds at times.
 */
const EXECUTION_TIME_SLACK_S = 1;

const execution: Check = (answer, body, subject) => {
  const found = savingsViolations(subject, body, body?.response, '/response');
  const elapsed = answer.elapsedMs / 1000;
  if (typeof body?.execution_time === 'number' && body.execution_time > elapsed + EXECUTION_TIME_SLACK_S) {
    found.push(violation(subject, body, '/execution_time', `is in seconds and no longer than the ${elapsed.toFixed(3)} s the call took (+${EXECUTION_TIME_SLACK_S} s)`));
  }
  return found;
};

const messages: Check = (_answer, body, subject) => {
  if (!Array.isArray(body?.messages)) return [];
  const found: Violation[] = [];
  if (typeof body.total === 'number' && body.total < body.messages.length) found.push(violation(subject, body, '/total', `counts at least the ${body.messages.length} messages listed`));
  // "In order": oldest first, so a conversation reads as it happened.
  const times = body.messages.map((m: { created_at?: string }) => Date.parse(m.created_at ?? ''));
  const back = times.findIndex((t: number, i: number) => i > 0 && t < times[i - 1]);
  if (back > 0) found.push(violation(subject, body, `/messages/${back}/created_at`, `is not before the message listed ahead of it (${body.messages[back - 1].created_at}): messages come oldest first`));
  return found;
};

/** A redirect carries what the contract says it carries, as query parameters of its Location. */
const redirectCarrying = (...parameters: string[]): Check => (answer, _body, subject) => {
  if (answer.status !== 302 || !answer.location) return [];
  const query = new URL(answer.location, answer.url).searchParams;
  const missing = parameters.filter((p) => !query.get(p));
  return missing.length ? [{ subject, path: '', rule: `the redirect carries ${parameters.join(' and ')}; it lacks ${missing.join(' and ')}`, excerpt: excerpt(answer.location.replace(/\?.*/, '?…')) }] : [];
};

/** By operationId in contract/openapi.json; run on success answers only. */
const SUCCESS_CHECKS: Record<string, Check> = {
  register: signedIn,
  login: signedIn,
  simulatedOAuthSignIn: signedIn,
  refresh: tokenSet,
  serviceToken,
  validate,
  me,
  getRun: run,
  executeAgent: execution,
  threadMessages: messages,
  oauthStart: redirectCarrying('state'),
  oauthCallback: redirectCarrying('access_token', 'refresh_token'),
};
