import { randomBytes } from 'node:crypto';
import { HttpResponse, expectStatus, http } from './clients/http';

/**
 * How a deployment is configured, as the incidents of contract section 9 need it: the addresses
 * the front end is told, the origins its pages call from, and the id the backend presents.
 */

/** Where the front end of an instance published at addresses of its own is. */
export const FRONT_END_ADDRESS = 'https://app.apex.example';

/** Addresses customers reach: what a staging or production instance is started with. */
export const PUBLISHED_ADDRESSES: Record<string, string> = {
  PUBLIC_API_URL: 'https://api.apex.example',
  PUBLIC_WS_URL: 'wss://api.apex.example/ws',
  PUBLIC_AUTH_URL: 'https://auth.apex.example',
  FRONTEND_URL: FRONT_END_ADDRESS,
};

/** The ports the real platform falls back to on this machine when an address is missing [Netra]. */
const FALLBACK_PORTS: Record<string, string> = { PUBLIC_API_URL: '8000', PUBLIC_WS_URL: '8000', PUBLIC_AUTH_URL: '8081', FRONTEND_URL: '3000' };

/** The published addresses where the environment requires them: everywhere but test and development. */
export function addressesFor(environment: string): NodeJS.ProcessEnv {
  return environment === 'test' || environment === 'development' ? {} : { ...PUBLISHED_ADDRESSES };
}

/** Every setting a platform needs to start for the environment, so that a scenario can take one away or spoil it. */
export function startupSettings(environment: string): NodeJS.ProcessEnv {
  return {
    ENVIRONMENT: environment,
    JWT_SECRET_KEY: randomBytes(32).toString('base64url'),
    SERVICE_SECRET: randomBytes(24).toString('base64url'),
    ...addressesFor(environment),
  };
}

/** The start-up settings for the environment with one left out; a setting not among them is a mistake in the scenario. */
export function startupSettingsWithout(environment: string, missing: string): NodeJS.ProcessEnv {
  const settings = startupSettings(environment);
  if (!(missing in settings)) throw new Error(`${missing} is not a setting this step knows; it knows ${Object.keys(settings).join(', ')}.`);
  delete settings[missing];
  return settings;
}

/** A published address moved onto this machine ("localhost", "127.0.0.1"), at the port the real platform falls back to. */
export function onThisMachine(setting: string, host: string): string {
  const published = PUBLISHED_ADDRESSES[setting];
  if (!published) throw new Error(`${setting} is not an address the front end is told; those are ${Object.keys(PUBLISHED_ADDRESSES).join(', ')}.`);
  const url = new URL(published);
  url.hostname = host;
  url.port = FALLBACK_PORTS[setting];
  return url.href.replace(/\/$/, '');
}

/** What `GET /api/discovery/services` tells the front end. */
export interface Discovery {
  environment: string;
  services: { backend: { api_url: string; ws_url: string }; auth: { url: string }; frontend: { url: string } };
}

export async function readDiscovery(apiUrl: string): Promise<Discovery> {
  return expectStatus(await http<Discovery>('GET', `${apiUrl}/api/discovery/services`), 200, 'Asking the platform where its services are').body;
}

export async function readPublicConfig(apiUrl: string): Promise<{ environment: string; app_name: string; version: string; features: Record<string, unknown> }> {
  return expectStatus(await http('GET', `${apiUrl}/api/config/public`), 200, 'Asking the platform for its public configuration').body;
}

/** A service's health report, whatever its status (503 is how an unhealthy one answers). */
export async function readHealth(baseUrl: string): Promise<HttpResponse> {
  return http('GET', `${baseUrl}/health`);
}

/**
 * The origins a page may be on, in a security reviewer's words, each built from the front end's
 * own address as the platform names it, so that the same words work against any deployment.
 */
export const ORIGINS: Record<string, (front: URL) => string> = {
  "the front end's own origin": (front) => front.origin,
  "a site using the front end's address as a sub-domain": (front) => `${front.protocol}//${front.hostname}.evil.test${front.port ? `:${front.port}` : ''}`,
  // For a front end already on plain http, the other way round: the same host under the other scheme.
  "the front end's address over http instead of https": (front) => `${front.protocol === 'https:' ? 'http:' : 'https:'}//${front.host}`,
  "the front end's address on another port": (front) => `${front.protocol}//${front.hostname}:${Number(front.port || (front.protocol === 'https:' ? 443 : 80)) + 1}`,
  'a sandboxed page, whose origin is null': () => 'null',
  'another site': () => 'https://evil.test',
};

/** What a front-end page calls on each service with the customer's token. */
const BROWSER_CALLS: { service: string; base: (target: { authUrl: string; apiUrl: string }) => string; path: string }[] = [
  { service: 'the sign-in service', base: (target) => target.authUrl, path: '/auth/me' },
  { service: 'the API', base: (target) => target.apiUrl, path: '/api/threads' },
];

/** One service called as a browser calls it from a page on another origin: the preflight, then the request. */
export interface CrossOriginCall {
  service: string;
  origin: string;
  preflight: HttpResponse;
  request: HttpResponse;
}

/** A page on `origin` reads the customer's profile and conversations with the customer's token, asking first as a browser does. */
export async function callFromPage(target: { authUrl: string; apiUrl: string }, origin: string, token: string): Promise<CrossOriginCall[]> {
  return Promise.all(
    BROWSER_CALLS.map(async ({ service, base, path }) => {
      const url = `${base(target)}${path}`;
      // The front end's most demanding call: a JSON body posted with the customer's token.
      const preflight = await http('OPTIONS', url, { headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
      const request = await http('GET', url, { token, headers: { origin } });
      return { service, origin, preflight, request };
    }),
  );
}
