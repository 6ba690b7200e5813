import { DEADLINES } from './deadlines';
/**
 * What the suite runs against: the reference platform it starts itself, or a deployment named
 * by APEX_AUTH_URL, APEX_API_URL and APEX_WS_URL. Bad configuration is one sentence naming the fix.
 */
export class SuiteConfigError extends Error {}

export interface InstanceAddresses {
  authUrl: string;
  apiUrl: string;
  wsUrl: string;
}

export interface RemoteTargetConfig extends InstanceAddresses {
  kind: 'remote';
  /**
   * Another instance of the same deployment, by its direct addresses (behind a load balancer each
   * instance has one): the journeys across instances (fan-out, revocation, the rate limit) run
   * against it. APEX_SECOND_API_URL and APEX_SECOND_WS_URL; its auth service is APEX_AUTH_URL's
   * unless APEX_SECOND_AUTH_URL says otherwise.
   */
  secondInstance?: InstanceAddresses;
}

export type TargetConfig = { kind: 'reference' } | RemoteTargetConfig;

const REMOTE_SETTINGS = ['APEX_AUTH_URL', 'APEX_API_URL', 'APEX_WS_URL'] as const;

function checkUrl(name: string, value: string, protocols: string[]): string {
  // A setting pasted with spaces around it is the address inside them.
  value = value.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SuiteConfigError(`${name} is "${value}", which is not a URL: set it to something like ${protocols[0]}//host:port.`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new SuiteConfigError(`${name} is "${value}": it must start with ${protocols.map((p) => `${p}//`).join(' or ')}.`);
  }
  return value.replace(/\/+$/, '');
}

export function targetConfigFromEnv(env: NodeJS.ProcessEnv = process.env): TargetConfig {
  const given = REMOTE_SETTINGS.filter((name) => env[name]);
  if (given.length === 0) return { kind: 'reference' };
  if (given.length < REMOTE_SETTINGS.length) {
    const missing = REMOTE_SETTINGS.filter((name) => !env[name]);
    throw new SuiteConfigError(`${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set while ${given.join(' and ')} ${given.length > 1 ? 'are' : 'is'}: set all three of ${REMOTE_SETTINGS.join(', ')} to test a deployment, or none to use the reference platform.`);
  }
  return {
    kind: 'remote',
    authUrl: checkUrl('APEX_AUTH_URL', env.APEX_AUTH_URL!, ['http:', 'https:']),
    apiUrl: checkUrl('APEX_API_URL', env.APEX_API_URL!, ['http:', 'https:']),
    wsUrl: checkUrl('APEX_WS_URL', env.APEX_WS_URL!, ['ws:', 'wss:']),
    secondInstance: secondInstanceFromEnv(env),
  };
}

function secondInstanceFromEnv(env: NodeJS.ProcessEnv): InstanceAddresses | undefined {
  if (!env.APEX_SECOND_API_URL && !env.APEX_SECOND_WS_URL) return undefined;
  if (!env.APEX_SECOND_API_URL || !env.APEX_SECOND_WS_URL) {
    throw new SuiteConfigError(`${env.APEX_SECOND_API_URL ? 'APEX_SECOND_WS_URL' : 'APEX_SECOND_API_URL'} is not set while ${env.APEX_SECOND_API_URL ? 'APEX_SECOND_API_URL' : 'APEX_SECOND_WS_URL'} is: give both of a second instance's direct addresses, or neither.`);
  }
  return {
    authUrl: checkUrl('APEX_SECOND_AUTH_URL', env.APEX_SECOND_AUTH_URL || env.APEX_AUTH_URL!, ['http:', 'https:']),
    apiUrl: checkUrl('APEX_SECOND_API_URL', env.APEX_SECOND_API_URL, ['http:', 'https:']),
    wsUrl: checkUrl('APEX_SECOND_WS_URL', env.APEX_SECOND_WS_URL, ['ws:', 'wss:']),
  };
}

export interface HealthSummary {
  status: string;
  version?: string;
  environment?: string;
  capabilities?: { llm?: string; timing?: { agent_time_scale?: number; breaker_cooldown_ms?: number; heartbeat_interval_ms?: number } };
  checks?: Record<string, string>;
}

export async function readHealth(name: string, baseUrl: string): Promise<HealthSummary> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(DEADLINES.reply) });
  } catch (error) {
    const detail = (error as { cause?: { code?: string; message?: string } }).cause;
    const cause = detail?.code ?? detail?.message ?? (error as Error).message;
    throw new SuiteConfigError(`The ${name} at ${baseUrl} is not reachable (${cause}): check the URL or start the service.`);
  }
  const body = (await response.json().catch(() => undefined)) as HealthSummary | undefined;
  if (!body || typeof body.status !== 'string') {
    throw new SuiteConfigError(`The ${name} at ${baseUrl} answered /health with ${response.status} and no health report: is that the right URL?`);
  }
  return body;
}
