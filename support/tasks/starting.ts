import { ensureSignedIn, googleCallbackParameters } from './sign-in';
import { untilWindowPassed } from '../expectations/accounts';
import { expectStatus } from '../clients/http';
import { OAUTH_DESTINATIONS, ownCallback } from '../oauth';
import { startConversationSlowly } from '../resource-bounds';
import { HOSTILE_BODIES, detailsOf } from '../hostile-input';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "{user} starts …": starting a conversation or a sign-in. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const STARTING: Record<string, PhraseStep> = {
  'a Google sign-in that would land on {oauthDestination}': async function (this: ApexWorld, user: string, destination: string) {
    const session = this.session(user);
    const honest = expectStatus(await session.auth.oauthStart('google'), 302, 'Starting a Google sign-in');
    await session.attempt('sign-in start', session.auth.oauthStart('google', OAUTH_DESTINATIONS[destination](ownCallback(honest.location!))));
  },
  'a Google sign-in with a Host header naming another site': async function (this: ApexWorld, user: string) {
    const session = this.session(user);
    this.remember('honest start', expectStatus(await session.auth.oauthStart('google'), 302, 'Starting a Google sign-in'));
    await session.attempt('sign-in start', session.auth.oauthStartClaimingHost('google', 'attacker.example'));
  },
  'a Google sign-in and comes back after its state has expired': async function (this: ApexWorld, user: string) {
    const session = this.session(user);
    const started = Date.now();
    const { code, state } = await googleCallbackParameters(session);
    await untilWindowPassed(started, this.recall<number>('state lifetime'));
    await session.attempt('callback', session.auth.oauthCallback({ code, state }));
  },
  "a conversation whose details claim it is {user}'s": async function (this: ApexWorld, actor: string, owner: string) {
    const [session, claimed] = [this.session(actor), this.session(owner)];
    await Promise.all([ensureSignedIn(session), ensureSignedIn(claimed)]);
    session.remember('thread', expectStatus(await session.api.createThread(session.accessToken, { title: 'Whose is this?', metadata: { user_id: claimed.userId, project: 'apollo' } }), 201, `Starting ${actor}'s conversation`).body);
  },
  'a conversation without giving any details': async function (this: ApexWorld, user: string) {
    const session = this.session(user);
    await ensureSignedIn(session);
    await session.attempt('create thread', session.api.createThread(session.accessToken));
  },
  'a conversation whose body holds {hostileBody}': async function (this: ApexWorld, user: string, hostile: string) {
    const session = this.session(user);
    await ensureSignedIn(session);
    session.remember('threadCountBefore', (expectStatus(await session.api.threads(session.accessToken), 200, 'Listing threads').body.threads as unknown[]).length);
    const body = HOSTILE_BODIES[hostile]({ title: 'Budget review' });
    this.remember('details sent', detailsOf(body));
    await session.attempt('create thread', session.api.createThreadRaw(session.accessToken, body));
  },
  'a conversation whose body trickles in over {duration}': async function (this: ApexWorld, user: string, ms: number) {
    this.remember('details sent', await startConversationSlowly(this.session(user), ms));
  },
};
