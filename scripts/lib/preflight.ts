import { randomUUID } from 'node:crypto';
import { AgentSocket } from '../../support/clients/agent-socket';
import { AuthClient } from '../../support/clients/auth-client';
import { HealthSummary, InstanceAddresses, RemoteTargetConfig, SuiteConfigError, readHealth } from '../../support/target';

/** What each address must answer in its health, by the contract (section 1). */
const SERVICES = { auth: 'auth-service', backend: 'netra-backend' };

/**
 * Before the first scenario, that each APEX_* address is the service it claims to be and that the
 * socket answers a signed-in customer with its welcome: otherwise every scenario fails on its own,
 * with a 404 that names no host.
 */
export async function preflight(config: RemoteTargetConfig): Promise<void> {
  await preflightInstance(config, { auth: 'APEX_AUTH_URL', api: 'APEX_API_URL', ws: 'APEX_WS_URL' });
  if (config.secondInstance) await preflightInstance(config.secondInstance, { auth: 'APEX_SECOND_AUTH_URL', api: 'APEX_SECOND_API_URL', ws: 'APEX_SECOND_WS_URL' });
}

async function preflightInstance(config: InstanceAddresses, names: { auth: string; api: string; ws: string }): Promise<void> {
  const [auth, backend] = await Promise.all([readHealth('auth service', config.authUrl), readHealth('backend', config.apiUrl)]);
  const service = (health: HealthSummary) => (health as { service?: string }).service;
  if (service(auth) === SERVICES.backend && service(backend) === SERVICES.auth) {
    throw new SuiteConfigError(`${names.auth} (${config.authUrl}) and ${names.api} (${config.apiUrl}) are the wrong way round: the first answers as the backend, the second as the auth service.`);
  }
  if (service(auth) !== SERVICES.auth) throw new SuiteConfigError(`${names.auth} (${config.authUrl}) answers its health as ${JSON.stringify(service(auth) ?? 'no service')}, not as the ${SERVICES.auth}: set it to the auth service's address.`);
  if (service(backend) !== SERVICES.backend) throw new SuiteConfigError(`${names.api} (${config.apiUrl}) answers its health as ${JSON.stringify(service(backend) ?? 'no service')}, not as the ${SERVICES.backend}: set it to the backend's address.`);

  // A customer of the suite's own, as every scenario makes one, to be welcomed by the chat.
  const signedUp = await new AuthClient(config.authUrl).register({ email: `preflight.${randomUUID()}@apex-specs.test`, password: `preflight-${randomUUID()}` });
  const token = (signedUp.body as { access_token?: string }).access_token;
  if (!token) throw new SuiteConfigError(`The auth service at ${config.authUrl} did not sign up the suite's pre-flight customer (${signedUp.status}): the specification cannot sign anyone in there.`);
  let socket: AgentSocket;
  try {
    socket = await AgentSocket.open(config.wsUrl, token);
  } catch (error) {
    throw new SuiteConfigError(`${names.ws} (${config.wsUrl}) is not the chat socket: ${(error as Error).message} Set it to the backend's socket address (the contract's is ws://host:port/ws).`);
  }
  try {
    await socket.waitFor('the welcome', (f) => f.type === 'system_message', 5000);
  } catch {
    throw new SuiteConfigError(`The socket at ${config.wsUrl} opened but sent no welcome within 5 s: is ${names.ws} the chat socket of ${config.apiUrl}?`);
  } finally {
    await socket.close();
  }
}
