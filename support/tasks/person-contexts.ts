import type { Actor } from '../actor';
import { chatSocket, connect } from './chat';
import { ensureSignedIn, signIn, signInThroughBypass, signUp, keepSession, presentToken, signOut } from './sign-in';
import { expectStatus } from '../clients/http';
import { deepStagePace } from '../domain';
import { REFERENCE_INSTANCES } from '../skip-reasons';
import { FORGERIES, sessionOfGoneAccount } from '../clients/forgery';
import { haveChatThatStoppedReading, haveChatsOpen, startConversationWithNotes } from '../resource-bounds';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';


/** A lease that a slow analysis outlasts several times over: the instance must keep renewing it for as long as the analysis runs. */
const SHORT_LEASE_SECONDS = '2';
/** "{actor} …": what a person has, or how they are signed in, before the scenario's point. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const PERSON_CONTEXT: Record<string, PhraseStep> = {
  'is signed in': async function (this: ApexWorld, user: Actor) {
    await ensureSignedIn(user);
  },
  'is signed in through the simulated OAuth sign-in': async function (this: ApexWorld, user: Actor) {
    const key = this.target.secrets.e2eBypassKey;
    if (!key) return this.skip('the simulated sign-in needs the bypass key; set APEX_E2E_BYPASS_KEY for this target.');
    await signInThroughBypass(user, key);
  },
  'is signed in with permission only to {permissions}': async function (this: ApexWorld, user: Actor, permissions: string[]) {
    const key = this.target.secrets.e2eBypassKey;
    if (!key) return this.skip('choosing permissions needs the simulated sign-in; set APEX_E2E_BYPASS_KEY for this target.');
    await signInThroughBypass(user, key, { permissions });
  },
  'attaches a screenshot of {pronoun} dashboard before {pronoun} usage log': function (this: ApexWorld, user: Actor, _pronoun: string, _pronoun2: string) {
    user.remember('otherFiles', [...(user.noted('otherFiles') ?? []), { name: 'dashboard.png', media_type: 'image/png', content: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==' }]);
  },
  'has a chat connection open': async function (this: ApexWorld, user: Actor) {
    await ensureSignedIn(user);
    await chatSocket(user);
  },
  'has a chat connection open on each instance': async function (this: ApexWorld, user: Actor) {
    await ensureSignedIn(user);
    await chatSocket(user);
    await connect(user, 'header', this.latestInstance.wsUrl);
  },
  'has {int} chat connections open': async function (this: ApexWorld, user: Actor, count: number) {
    await haveChatsOpen(user, count);
  },
  'has a chat connection open that has stopped reading': async function (this: ApexWorld, user: Actor) {
    await haveChatThatStoppedReading(user);
  },
  'has a conversation with {int} KiB of notes': async function (this: ApexWorld, user: Actor, kib: number) {
    await startConversationWithNotes(user, kib);
  },
  'has a conversation titled {string}': async function (this: ApexWorld, user: Actor, title: string) {
    await ensureSignedIn(user);
    user.remember('thread', expectStatus(await user.api.createThread(user.accessToken, { title }), 201, `Starting ${user}'s conversation`).body);
    user.remember('threadTitle', title);
  },
  'has a conversation': async function (this: ApexWorld, user: Actor) {
    await ensureSignedIn(user);
    user.remember('thread', expectStatus(await user.api.createThread(user.accessToken, { title: 'Shared by many writers' }), 201, `Starting ${user}'s conversation`).body);
  },
  'uses another instance of the platform, where each stage of a deep analysis takes {int} second(s)': async function (this: ApexWorld, user: Actor, seconds: number) {
    const instance = await this.startInstance({ AGENT_TIME_SCALE: deepStagePace(seconds), INSTANCE_LEASE_SECONDS: SHORT_LEASE_SECONDS });
    if (!instance) return this.skip(REFERENCE_INSTANCES);
    user.useInstance(instance);
    return undefined;
  },
  'has a chat connection open that answers heartbeats': async function (this: ApexWorld, user: Actor) {
    await ensureSignedIn(user);
    await connect(user, 'header', user.chatUrl);
  },
  'has a chat connection open that has stopped answering heartbeats': async function (this: ApexWorld, user: Actor) {
    await ensureSignedIn(user);
    await connect(user, 'header', user.chatUrl, { answerHeartbeats: false });
  },
  'is signed in for {int} second(s)': async function (this: ApexWorld, user: Actor, seconds: number) {
    const key = this.target.secrets.e2eBypassKey;
    if (!key) return this.skip('a short session needs the simulated sign-in; set APEX_E2E_BYPASS_KEY for this target.');
    await signInThroughBypass(user, key, { expiresIn: seconds });
  },
  'presents a token that is {forgery}': async function (this: ApexWorld, user: Actor, forgery: string) {
    await ensureSignedIn(user);
    const recipe = FORGERIES[forgery];
    const { jwt, service } = this.target.secrets;
    if (recipe.needsSecret && !jwt) return this.skip(`building a token that is ${forgery} needs the signing secret; set APEX_JWT_SECRET for this target.`);
    if (recipe.needsServiceSecret && !service) return this.skip(`getting a token that is ${forgery} needs the service secret; set APEX_SERVICE_SECRET for this target.`);
    const serviceToken = async () => (service ? expectStatus(await user.auth.serviceToken({ service_id: 'netra-backend', service_secret: service }), 200, 'Getting a service token').body.access_token : undefined);
    presentToken(user, await recipe.build({ accessToken: user.accessToken, refreshToken: user.tokens!.refresh_token, signingSecret: jwt, signOut: () => signOut(user), serviceToken }));
  },
  'holds a session whose account no longer exists': async function (this: ApexWorld, user: Actor) {
    const { jwt } = this.target.secrets;
    if (!jwt) return this.skip('a user of an account that is gone needs the signing secret; set APEX_JWT_SECRET for this target.');
    await ensureSignedIn(user);
    keepSession(user, { ...user.tokens!, ...(await sessionOfGoneAccount(user.tokens!, jwt)) });
  },
  'is signed in on two devices, each with a chat open': async function (this: ApexWorld, user: Actor) {
    await signUp(user);
    await connect(user, 'header', user.chatUrl);
    await signIn(user);
    await connect(user, 'header', user.chatUrl);
  },
};
