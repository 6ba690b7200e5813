import type { HttpResponse } from '../clients/http';
import type { CrossOriginCall, Discovery } from '../deployment';
import { redact } from '../redact';

const trimmed = (url: string | undefined) => (url ?? '').replace(/\/+$/, '');

/** The addresses the front end is told are exactly the ones given (where the suite reaches the services, or where an instance is published). */
export function expectPointedAt(discovery: Discovery, expected: { api: string; chat: string; auth: string; frontEnd?: string }, where: string): void {
  const told = { api: discovery.services?.backend?.api_url, chat: discovery.services?.backend?.ws_url, auth: discovery.services?.auth?.url, frontEnd: discovery.services?.frontend?.url };
  const names = { api: 'the API', chat: 'the chat', auth: 'the sign-in service', frontEnd: 'the front end' };
  const wrong = (Object.keys(names) as (keyof typeof names)[])
    .filter((key) => expected[key] !== undefined && trimmed(told[key]) !== trimmed(expected[key]))
    .map((key) => `${names[key]} at ${told[key] ?? 'nothing'} instead of ${expected[key]}`);
  if (wrong.length) throw new Error(`Expected the platform to point the front end at the addresses ${where}; it points it at ${wrong.join(', ')}`);
}

/** A health report that names the service it is from. */
export function expectHealthOf(answer: HttpResponse, service: string, address: string): void {
  if (answer.body?.service !== service) {
    throw new Error(`Expected ${address}, which the front end is told is ${service === 'auth-service' ? 'the sign-in service' : 'the API'}, to report itself as ${service}; its health answered ${answer.status}: ${redact(answer.text).slice(0, 200)}`);
  }
}

/** The public configuration agrees with what the backend's health says about itself. */
export function expectPublicConfig(config: { environment?: string; app_name?: string; version?: string; features?: unknown }, health: HttpResponse): void {
  const { environment, version } = health.body ?? {};
  if (config.environment !== environment || config.version !== version || !config.app_name || typeof config.features !== 'object' || config.features === null) {
    throw new Error(`Expected the public configuration to name the app, say which features are on, and give the environment (${environment}) and version (${version}) the backend's health reports; it says ${JSON.stringify(config)}`);
  }
}

/** Words a deployment may use for a dependency that is fine. */
const FINE = /^(ok|healthy|up|connected|available)$/i;

/** The backend's health says the auth service takes its word: the auth check is fine, and the backend is not unhealthy. */
export function expectAuthAccepts(health: HttpResponse, whose: string): void {
  const auth = health.body?.checks?.auth;
  if (health.body?.status === 'unhealthy' || typeof auth !== 'string' || !FINE.test(auth)) {
    throw new Error(`Expected ${whose} health to say the auth service accepts its service id; it says ${health.body?.status ?? `nothing (${health.status})`}, with the auth check ${JSON.stringify(auth)}`);
  }
}

/** The backend's health is unhealthy, and its auth check names the id the auth service refused. */
export function expectAuthRefusesId(health: HttpResponse, id: string, whose: string): void {
  const auth = health.body?.checks?.auth;
  if (health.status !== 503 || health.body?.status !== 'unhealthy' || typeof auth !== 'string' || !auth.includes(`"${id}"`)) {
    throw new Error(`Expected ${whose} health to answer 503 unhealthy, its auth check naming "${id}" as the service id the auth service refused; it answered ${health.status} ${health.body?.status ?? ''}, with the auth check ${JSON.stringify(auth)}`);
  }
}

const header = (answer: HttpResponse, name: string) => answer.headers?.[name];

/** Each answer names the page's origin as allowed, with credentials; the preflight also lets a JSON body posted with the token through. */
export function expectAllowed(calls: CrossOriginCall[]): void {
  const problems: string[] = [];
  for (const { service, origin, preflight, request } of calls) {
    for (const [what, answer] of [['the preflight', preflight], ['the call', request]] as const) {
      const allowOrigin = header(answer, 'access-control-allow-origin');
      const credentials = header(answer, 'access-control-allow-credentials');
      if (allowOrigin !== origin || credentials !== 'true') {
        problems.push(`${service} answered ${what} (${answer.call} → ${answer.status}) with Access-Control-Allow-Origin ${allowOrigin ?? 'absent'} and Access-Control-Allow-Credentials ${credentials ?? 'absent'}`);
      }
    }
    const listed = (name: string) => (header(preflight, name) ?? '').toLowerCase().split(/\s*,\s*/);
    const missingHeaders = ['authorization', 'content-type'].filter((h) => !listed('access-control-allow-headers').includes(h));
    if (missingHeaders.length) problems.push(`${service}'s preflight does not let the ${missingHeaders.join(' and ')} header through (Access-Control-Allow-Headers ${header(preflight, 'access-control-allow-headers') ?? 'absent'})`);
    if (!listed('access-control-allow-methods').includes('post')) problems.push(`${service}'s preflight does not allow a POST (Access-Control-Allow-Methods ${header(preflight, 'access-control-allow-methods') ?? 'absent'})`);
  }
  if (problems.length) throw new Error(`Expected a page on ${calls[0].origin} to be allowed to read the answers, with the customer's credentials; ${problems.join('; ')}`);
}

/** No answer lets the page read it: no Access-Control-Allow-Origin at all, so never a wildcard. */
export function expectRefused(calls: CrossOriginCall[]): void {
  const problems = calls.flatMap(({ service, preflight, request }) =>
    [preflight, request]
      .filter((answer) => header(answer, 'access-control-allow-origin') !== undefined)
      .map((answer) => `${service} answered ${answer.call} (${answer.status}) with Access-Control-Allow-Origin: ${header(answer, 'access-control-allow-origin')}${header(answer, 'access-control-allow-credentials') ? ` and Access-Control-Allow-Credentials: ${header(answer, 'access-control-allow-credentials')}` : ''}`),
  );
  if (problems.length) throw new Error(`Expected no answer to let a page on ${calls[0].origin} read it; ${problems.join('; ')}`);
}
