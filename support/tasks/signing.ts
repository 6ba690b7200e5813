import { closeSockets } from './chat';
import { signIn, signInWithGoogle, signUp, signOut } from './sign-in';
import { AuthClient } from '../clients/auth-client';
import { expectStatus } from '../clients/http';
import { BAD_SIGN_UPS } from '../domain';
import { HOSTILE_BODIES } from '../hostile-input';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "{user} signs …": signing up, in and out. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const SIGNING: Record<string, PhraseStep> = {
  'up with {pronoun} email address and a password': async function (this: ApexWorld, user: string, _pronoun: string) {
    await signUp(this.session(user));
  },
  'in with {pronoun} email address and password': async function (this: ApexWorld, user: string, _pronoun: string) {
    await signIn(this.session(user));
  },
  'in with Google': async function (this: ApexWorld, user: string) {
    await signInWithGoogle(this.session(user));
  },
  'in with Google again': async function (this: ApexWorld, user: string) {
    const session = this.session(user);
    this.remember(`${user}'s first account`, session.userId);
    await signInWithGoogle(session);
  },
  "up with {user}'s email address": async function (this: ApexWorld, user: string, owner: string) {
    const session = this.session(user);
    await session.attempt('sign-up', session.auth.register({ email: this.session(owner).email, password: session.password }));
  },
  'up with a password of {int} characters': async function (this: ApexWorld, user: string, length: number) {
    const session = this.session(user);
    await session.attempt('sign-up', session.auth.register({ email: session.email, password: 'p'.repeat(length) }));
  },
  'up with {badSignUp}': async function (this: ApexWorld, user: string, problem: string) {
    const session = this.session(user);
    await session.attempt('sign-up', session.auth.registerRaw(BAD_SIGN_UPS[problem](session.email, session.password)));
  },
  'in with {badSignUp}': async function (this: ApexWorld, user: string, problem: string) {
    const session = this.session(user);
    await session.attempt('sign-in', session.auth.loginRaw(BAD_SIGN_UPS[problem](session.email, session.password)));
  },
  'in with {pronoun} email address in capitals and {pronoun} password': async function (this: ApexWorld, user: string, _pronoun: string, _pronoun2: string) {
    const session = this.session(user);
    await session.attempt('sign-in', session.auth.login({ email: session.email.toUpperCase(), password: session.password }));
  },
  "up with {user}'s email address in capitals": async function (this: ApexWorld, user: string, owner: string) {
    const session = this.session(user);
    await session.attempt('sign-up', session.auth.register({ email: this.session(owner).email.toUpperCase(), password: session.password }));
  },
  'up giving {pronoun} name as {string}': async function (this: ApexWorld, user: string, _pronoun: string, name: string) {
    const session = this.session(user);
    await session.attempt('sign-up', session.auth.register({ email: session.email, password: session.password, name }));
  },
  'up without giving a name': async function (this: ApexWorld, user: string) {
    const session = this.session(user);
    await session.attempt('sign-up', session.auth.register({ email: session.email, password: session.password }));
  },
  'out and signs in again': async function (this: ApexWorld, user: string) {
    const session = this.session(user);
    await signOut(session);
    await closeSockets(session);
    await signIn(session);
  },
  'out on the second instance': async function (this: ApexWorld, user: string) {
    const session = this.session(user);
    expectStatus(await new AuthClient(this.latestInstance.authUrl).logout(session.accessToken), 200, `Signing ${user} out on the second instance`);
  },
  'up with a body holding {hostileBody}': async function (this: ApexWorld, user: string, hostile: string) {
    const session = this.session(user);
    await session.attempt('sign-up', session.auth.registerRawText(HOSTILE_BODIES[hostile]({ email: session.email, password: session.password, name: user })));
  },
  'out': async function (this: ApexWorld, user: string) {
    await signOut(this.session(user));
  },
  'out on the first device': async function (this: ApexWorld, user: string) {
    const session = this.session(user);
    expectStatus(await session.auth.logout(session.issued[0].access_token), 200, `Signing ${user} out on the first device`);
  },
};
