import { burstOn } from '../reading';
import type { Actor } from '../actor';
import { ensureSignedIn } from '../tasks/sign-in';
import { expectToldToWait, expectRefusal } from '../refusals';
import { expectAccountsApart, expectBackInSameAccount, expectCalled, expectCalledByGivenEmail, expectCameBackSignedIn, expectLetIn, expectWelcomedAsThemselves } from './accounts';
import { expectFaultRefused, expectRenewedTokens, expectApiAccepts, expectChatRefused, expectNoProfile } from './sessions';
import { expectEventsInOrder, expectWellFormedRun } from './runs';
import { FIVE_EVENTS, answeredRun, completedResult, expectProgressStages, expectHandoffChain, expectRecommendationsQuality, expectRecommendation, expectAtLeastUpdates } from './agents';
import { keepTryingChat } from '../start-up';
import { expectRepliesAcrossSockets, expectPickedUpWhereLeftOff, expectNoChatThere } from './realtime';
import { refusedAsNotTheirs } from '../intrusions';
import { expectEveryReadRefused, expectOnlyOwnConversationsListed, expectRefused } from './access';
import { expectArchivedRunReadable, expectRunAccessDenied } from './persistence';
import { untilWelcomedAgain } from './resilience';
import type { ApexWorld } from '../world';
import type { HttpResponse } from '../clients/http';
import type { PhraseStep } from '../phrasebook';

/** "{actor} …": what a person is shown, answered, refused or able to do. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const PERSON_OUTCOME: Record<string, PhraseStep> = {
  'and {actor} have accounts of their own': function (this: ApexWorld, a: Actor, b: Actor) {
    expectAccountsApart(a, b);
  },
  'is called by the first part of the email address the platform gave {pronoun}': async function (this: ApexWorld, user: Actor, _pronoun: string) {
    await expectCalledByGivenEmail(user);
  },
  'is back in the same account': function (this: ApexWorld, user: Actor) {
    expectBackInSameAccount(user, this.recall<string>(`${user}'s first account`));
  },
  'comes back to the app signed in': async function (this: ApexWorld, user: Actor) {
    await expectCameBackSignedIn(user);
  },
  'is refused because there were too many failed attempts, and told to wait {int} {word}': function (this: ApexWorld, user: Actor, count: number, unit: string) {
    expectToldToWait(user.lastAnswer, `${count} ${unit}`);
  },
  'is let in': function (this: ApexWorld, user: Actor) {
    expectLetIn(user);
  },
  'is called {string} on {pronoun} account': async function (this: ApexWorld, user: Actor, name: string, _pronoun: string) {
    await expectCalled(user, name);
  },
  'is called by the first part of {pronoun} email address on {pronoun} account': async function (this: ApexWorld, user: Actor, _pronoun: string, _pronoun2: string) {
    await expectCalled(user, user.email.split('@')[0]);
  },
  'is answered by the supervisor, who hands the work along': async function (this: ApexWorld, user: Actor) {
    const run = await answeredRun(user, this.target.runDeadlineMs);
    expectHandoffChain(run, ['supervisor', 'triage', 'data_analysis', 'cost_optimizer', 'reporting']);
  },
  'watches the agent start, think, use a tool, finish the tool and complete, in that order': async function (this: ApexWorld, user: Actor) {
    const run = user.lastRun();
    await run.finished(this.target.runDeadlineMs);
    expectEventsInOrder(run, FIVE_EVENTS);
    expectWellFormedRun(run);
  },
  'gets at least {int} recommendations, each with a monthly saving and steps to take': async function (this: ApexWorld, user: Actor, count: number) {
    expectRecommendationsQuality(await completedResult(user.lastRun(), this.target.runDeadlineMs), count);
  },
  'receives at least {int} updates before the analysis completes': async function (this: ApexWorld, user: Actor, count: number) {
    const run = await answeredRun(user, this.target.runDeadlineMs);
    expectAtLeastUpdates(run, count);
  },
  'sees the analysis progress stage by stage, each named, up to 100%': async function (this: ApexWorld, user: Actor) {
    const run = await answeredRun(user, this.target.runDeadlineMs);
    expectProgressStages(run, 100);
  },
  'is not offered {string}': async function (this: ApexWorld, user: Actor, title: string) {
    expectRecommendation(await completedResult(user.lastRun(), this.target.runDeadlineMs), title, undefined);
  },
  'is welcomed into the chat as herself/himself/themselves': async function (this: ApexWorld, user: Actor) {
    await expectWelcomedAsThemselves(user);
  },
  'keeps trying the chat until {pronoun} get(s) in, within {int} seconds': async function (this: ApexWorld, user: Actor, _pronoun: string, seconds: number) {
    this.evidence(`${user} got in after ${await keepTryingChat(user, seconds * 1000)} tries.`);
  },
  'is refused every time as having no access': function (this: ApexWorld, user: Actor) {
    expectEveryReadRefused(user);
  },
  "is shown only {pronoun} own conversations, none of {actor}'s": function (this: ApexWorld, user: Actor, _pronoun: string, named: Actor) {
    expectOnlyOwnConversationsListed(user, named);
  },
  'is refused as having no access': function (this: ApexWorld, actor: Actor) {
    expectRefused(actor, 'as having no access', refusedAsNotTheirs);
  },
  'can still read the run of that conversation': async function (this: ApexWorld, user: Actor) {
    await expectArchivedRunReadable(user, user.lastRun().runId!);
  },
  "cannot read the run of {actor}'s archived conversation": async function (this: ApexWorld, reader: Actor, owner: Actor) {
    await ensureSignedIn(reader);
    await expectRunAccessDenied(reader, owner.lastRun().runId!);
  },
  'has every event of the analysis exactly once, in order, with none missing': async function (this: ApexWorld, user: Actor) {
    const run = await answeredRun(user, this.target.runDeadlineMs);
    expectWellFormedRun(run);
    expectPickedUpWhereLeftOff(run);
  },
  'is answered up to {int} messages in the minute,/window, and every message after that is refused as too many': async function (this: ApexWorld, user: Actor, limit: number) {
    const socket = user.sockets.at(-1)!;
    const { before, count } = burstOn(socket);
    // Every message this person sent so far counts, on whichever socket; here all went through this one.
    const answered = Math.max(0, limit - before);
    await expectRepliesAcrossSockets([socket], answered, count - answered);
  },
  'is answered {int} times in all, and refused as too many {int} times': async function (this: ApexWorld, user: Actor, answered: number, refused: number) {
    await expectRepliesAcrossSockets(user.sockets.filter((s) => s.isOpen), answered, refused);
  },
  'is refused as there is no chat at that address': function (this: ApexWorld, user: Actor) {
    expectNoChatThere(this.recall<string>('connection attempt'), user.name);
  },
  'can open a chat connection again within {int} seconds of it coming back': async function (this: ApexWorld, user: Actor, seconds: number) {
    await untilWelcomedAgain(user, seconds * 1000);
    this.evidence(`Welcomed again ${Date.now() - this.recall('breakable').restoredAt!} ms after the auth service came back.`);
  },
  'finds none of them there': function (this: ApexWorld, _user: Actor) {
    this.recall<HttpResponse[]>('test-only pages').forEach((answer) => expectRefusal(answer, 'there is no such page'));
  },
  'is refused, and nothing was broken': async function (this: ApexWorld, user: Actor) {
    await expectFaultRefused(user.lastAnswer, this.faults(), this.recall<string>('attempted fault'));
  },
  'cannot open a chat connection because {socketRefusal}': async function (this: ApexWorld, user: Actor, reason: string) {
    await expectChatRefused(user, reason);
  },
  'has a new session that works': async function (this: ApexWorld, user: Actor) {
    expectRenewedTokens(user);
    await expectApiAccepts(user);
  },
  'is shown no profile, as the account no longer exists': async function (this: ApexWorld, user: Actor) {
    await expectNoProfile(user);
  },
  'is refused because {refusal}': function (this: ApexWorld, user: Actor, reason: string) {
    expectRefusal(user.lastAnswer, reason);
  },
};
