import { openSocket, catchUpOn, sendOn } from './chat';
import { ensureSignedIn } from './sign-in';
import { FORGERIES } from '../clients/forgery';
import { openChats, dropChatsWhileSigningIn } from '../resource-bounds';
import { completedResult } from '../expectations/agents';
import { headersClaimingToBe } from '../intrusions';
import { AgentRun } from '../agent-run';
import type { ApexWorld } from '../world';
import type { SocketAuth } from '../clients/agent-socket';
import type { AuthorizationWriter } from '../clients/http';
import type { PhraseStep } from '../phrasebook';

/** "{user} opens …": opening chat connections. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const OPENING: Record<string, PhraseStep> = {
  'a chat connection carrying the bypass key instead of a token': async function (this: ApexWorld, user: string) {
    const key = this.target.secrets.e2eBypassKey;
    if (!key) return this.skip('this needs the bypass key; set APEX_E2E_BYPASS_KEY for this target.');
    await openSocket(this.session(user), 'none', undefined, { headers: { 'x-e2e-bypass-key': key } });
  },
  'a chat connection': async function (this: ApexWorld, user: string) {
    const session = this.session(user);
    await ensureSignedIn(session);
    await openSocket(session);
  },
  'a chat connection with {pronoun} token {carrier}': async function (this: ApexWorld, user: string, _pronoun: string, carrier: SocketAuth) {
    await openSocket(this.session(user), carrier);
  },
  'a chat connection with {pronoun} token written {authorizationWriting} in the Authorization header': async function (this: ApexWorld, user: string, _pronoun: string, writing: AuthorizationWriter) {
    const session = this.session(user);
    await ensureSignedIn(session);
    await openSocket(session, 'header', session.chatUrl, { authorization: writing });
  },
  'a chat connection with {pronoun} token {carrier} and a token {forgery} {carrier}': async function (this: ApexWorld, user: string, _pronoun: string, carrier: SocketAuth, forgery: string, otherCarrier: SocketAuth) {
    const session = this.session(user);
    await ensureSignedIn(session);
    const recipe = FORGERIES[forgery];
    if (recipe.needsSecret && !this.target.secrets.jwt) return this.skip(`building a token that is ${forgery} needs the signing secret; set APEX_JWT_SECRET for this target.`);
    const bad = await recipe.build({ accessToken: session.accessToken, refreshToken: session.tokens!.refresh_token, signingSecret: this.target.secrets.jwt, signOut: async () => undefined, serviceToken: async () => undefined });
    await openSocket(session, carrier, session.chatUrl, { alsoCarried: { token: bad, auth: otherCarrier } });
  },
  '{int} chat connections': async function (this: ApexWorld, user: string, count: number) {
    await openChats(this.session(user), count);
  },
  'a chat connection with headers claiming to be {user}': async function (this: ApexWorld, user: string, named: string) {
    const session = this.session(user);
    await ensureSignedIn(session);
    await openSocket(session, 'header', session.chatUrl, { headers: headersClaimingToBe(this.session(named)) });
  },
  'a chat connection without a token, with headers claiming to be {user}': async function (this: ApexWorld, user: string, named: string) {
    await openSocket(this.session(user), 'none', undefined, { headers: headersClaimingToBe(this.session(named)) });
  },
  'another chat connection and catches up on the analysis': async function (this: ApexWorld, user: string) {
    const session = this.session(user);
    const run = session.lastRun();
    const socket = await openSocket(session, 'header', session.chatUrl, { first: { type: 'resume', payload: { run_id: run.runId, after_seq: 0 } } });
    session.remember('catchUp', new AgentRun(run.requestId, run.agent, run.request, socket, 0, run.sentAt));
  },
  'a chat connection on the second instance and catches up on the analysis': async function (this: ApexWorld, user: string) {
    await catchUpOn(this.session(user), this.latestInstance.wsUrl);
  },
  'another chat and asks it to replay {pronoun} analysis from {replayFrom}': async function (this: ApexWorld, user: string, _pronoun: string, from: unknown) {
    const session = this.session(user);
    const run = session.lastRun();
    await completedResult(run, this.target.runDeadlineMs);
    this.remember('events first sent', run.events.map((f) => f.frame));
    const socket = await openSocket(session);
    await socket.connectionAnswer();
    sendOn(socket, 'resume', { run_id: run.runId, after_seq: from });
  },
  '{int} chat connections and closes them while the platform is still checking {pronoun} token': async function (this: ApexWorld, user: string, count: number, _pronoun: string) {
    await dropChatsWhileSigningIn(this.session(user), this.noted('authRelay'), count);
  },
};
