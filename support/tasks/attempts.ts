import { openSocket } from './chat';
import { ensureSignedIn } from './sign-in';
import { AuthClient } from '../clients/auth-client';
import { expectStatus } from '../clients/http';
import { trySimulatedSignIn } from './oauth-returns';
import { answeredRun } from '../expectations/agents';
import { randomUUID } from 'node:crypto';
import { INTRUSIONS } from '../intrusions';
import { FaultClient } from '../clients/fault-client';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "{user} tries …": what a person tries, allowed or not. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const ATTEMPT: Record<string, PhraseStep> = {
  'the simulated OAuth sign-in {badBypassKey}': function (this: ApexWorld, user: string, how: string) {
    return trySimulatedSignIn(this, this.session(user), how);
  },
  'the simulated OAuth sign-in on that instance': async function (this: ApexWorld, user: string) {
    const session = this.session(user);
    const auth = new AuthClient(this.latestInstance.authUrl);
    await session.attempt('test sign-in', auth.testSignIn(this.target.secrets.e2eBypassKey ?? '', { email: session.email }));
  },
  '{int} times to sign in as {user} with a wrong password': async function (this: ApexWorld, user: string, times: number, owner: string) {
    const session = this.session(user);
    for (let i = 0; i < times; i++) {
      await session.attempt('wrong password', session.auth.login({ email: this.session(owner).email, password: 'wrong-password-123' }));
      // The window opens when the first failure is counted, which is before its answer arrives.
      if (!this.hasNoted('first failed sign-in')) this.remember('first failed sign-in', Date.now());
    }
  },
  'to sign in as {user} with a password of {pronoun} own': async function (this: ApexWorld, user: string, owner: string, _pronoun: string) {
    const session = this.session(user);
    await session.attempt('sign-in', session.auth.login({ email: this.session(owner).email, password: 'any-password-123' }));
  },
  '{int} times to sign in as {user} with a wrong password, writing {pronoun} email address in capitals': async function (this: ApexWorld, user: string, times: number, owner: string, _pronoun: string) {
    const session = this.session(user);
    for (let i = 0; i < times; i++) {
      await session.attempt('wrong password', session.auth.login({ email: this.session(owner).email.toUpperCase(), password: 'wrong-password-123' }));
    }
  },
  '{int} times to sign in as {user} with a wrong password, each time followed by an email nobody has': async function (this: ApexWorld, user: string, times: number, owner: string) {
    const session = this.session(user);
    // In turn, so that both kinds meet the same load on the machine and their times compare.
    for (let i = 0; i < times; i++) {
      await session.attempt('wrong password', session.auth.login({ email: this.session(owner).email, password: 'wrong-password-123' }));
      await session.attempt('unknown email', session.auth.login({ email: `nobody.${session.email}`, password: 'wrong-password-123' }));
    }
  },
  'to sign in with {pronoun} right password': async function (this: ApexWorld, user: string, _pronoun: string) {
    const session = this.session(user);
    await session.attempt('sign-in', session.auth.login({ email: session.email, password: session.password }));
  },
  'to sign up with {pronoun} email address and a password': async function (this: ApexWorld, user: string, _pronoun: string) {
    const session = this.session(user);
    await session.attempt('sign-up', session.auth.register({ email: session.email, password: session.password, name: session.name }));
  },
  "to read {user}'s conversation, its messages and the run": async function (this: ApexWorld, reader: string, owner: string) {
    const session = this.session(reader);
    await ensureSignedIn(session);
    const run = await answeredRun(this.session(owner), this.target.runDeadlineMs);
    await session.attempt('read thread', session.api.thread(session.accessToken, run.threadId!));
    await session.attempt('read messages', session.api.messages(session.accessToken, run.threadId!));
    await session.attempt('read run', session.api.run(session.accessToken, run.runId!));
  },
  "to {intrusion} {user}'s conversation once {pronoun} analysis is under way": async function (this: ApexWorld, actor: string, intrusion: string, owner: string, _pronoun: string) {
    const run = this.session(owner).lastRun();
    await run.underWay(this.target.runDeadlineMs);
    const session = this.session(actor);
    await ensureSignedIn(session);
    session.remember('lastIntrusion', await INTRUSIONS[intrusion](session, { threadId: run.threadId!, runId: run.runId! }));
  },
  "to {intrusion} {user}'s conversation once {pronoun} analysis has ended": async function (this: ApexWorld, actor: string, intrusion: string, owner: string, _pronoun: string) {
    const run = await answeredRun(this.session(owner), this.target.runDeadlineMs);
    const session = this.session(actor);
    await ensureSignedIn(session);
    session.remember('lastIntrusion', await INTRUSIONS[intrusion](session, { threadId: run.threadId!, runId: run.runId! }));
  },
  'to {intrusion} a conversation that does not exist': async function (this: ApexWorld, actor: string, intrusion: string) {
    const session = this.session(actor);
    await ensureSignedIn(session);
    session.remember('lastIntrusion', await INTRUSIONS[intrusion](session, { threadId: `thread_${randomUUID()}`, runId: `run_${randomUUID()}` }));
  },
  'to start a conversation with a title of {int} characters': async function (this: ApexWorld, user: string, length: number) {
    const session = this.session(user);
    await ensureSignedIn(session);
    session.remember('threadCountBefore', (expectStatus(await session.api.threads(session.accessToken), 200, 'Listing threads').body.threads as unknown[]).length);
    await session.attempt('create thread', session.api.createThread(session.accessToken, { title: 'T'.repeat(length) }));
  },
  'to open a chat connection at another address of the platform': async function (this: ApexWorld, user: string) {
    const session = this.session(user);
    await ensureSignedIn(session);
    const elsewhere = new URL(session.chatUrl);
    elsewhere.pathname = `${elsewhere.pathname.replace(/\/+$/, '')}-elsewhere`;
    this.remember('connection attempt', await openSocket(session, 'header', elsewhere.toString()).then(
      (socket) => `opened (${socket.frames.length} frames)`,
      (error: Error) => error.message,
    ));
  },
  'to break the platform on purpose {faultCredentials}': async function (this: ApexWorld, user: string, credentials: string) {
    const target = `tool_${randomUUID().slice(0, 8)}`;
    this.remember('attempted fault', target);
    await this.session(user).attempt('fault', FaultClient.attempt(this.target.apiUrl, { fault: 'tool_failure', target }, credentials === 'without the service secret' ? undefined : 'not-the-service-secret'));
  },
};
