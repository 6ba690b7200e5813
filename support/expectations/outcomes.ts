import { expectStarted } from './start-up';
import type { Actor } from '../actor';
import { connect } from '../tasks/chat';
import { ensureSignedIn } from '../tasks/sign-in';
import { expectSimilarTiming } from './accounts';
import { expectApiRefuses, expectFaultsListed, expectInstanceRefusesUnchecked, expectRevocationRecorded, expectSessionEndedOnRecord, expectNoTokenRefused } from './sessions';
import { AuthClient } from '../clients/auth-client';
import { Discovery, PUBLISHED_ADDRESSES, readHealth, readPublicConfig } from '../deployment';
import { expectCodeSentTo } from '../oauth';
import { FAULT_LISTINGS, faultSwitchOfLatestInstance } from '../tasks/fault-switching';
import { expectRefusedToStart } from './start-up';
import { expectWellFormedRun, expectRunKeptInConversation, expectRecordEndsInFailure } from './runs';
import { answeredRun, completedResult, expectToolsAskedAboutRequest, expectToolCallsPaired, expectToolFiguresInAnswer, expectRecommendationSays, expectTopRecommendation, expectConfidenceScore, expectCancellationLast, expectStoredEndingInCancellation, expectFollowUpInConversation, expectSameFiguresAsStreamed } from './agents';
import { expectOpenChatsAnswer } from './resource-bounds';
import { expectOwnedDespiteClaim } from './access';
import { expectAllowed, expectAuthAccepts, expectAuthRefusesId, expectHealthOf, expectPointedAt, expectPublicConfig, expectRefused as expectCrossOriginRefused } from './deployment';
import { runsOf, crowdRuns } from '../tasks/crowd';
import { expectEveryConnectionAnswersPing, expectEverySocketGotEveryRun, expectIsolation, expectOverlap, expectEventFields, catchUpTime, expectCaughtUpWithin, expectHealth } from './realtime';
import { expectEveryRunCompletes } from './multi-user';
import { diagnostics } from '../tasks/diagnostics';
import { LoadFigures, loadFiguresHtml, loadFiguresOf } from '../load-report';
import { expectEveryRunCompletedWithin, expectFirstUpdatesWithin, expectHeapGrowthBelow } from './performance';
import { ApiClient } from '../clients/api-client';
import { expectHealthReport, expectInstancesHealthy, expectMigrationsAppliedOnce, expectTextKeptExactly, expectSameOrderForEveryReader, expectRunStateCached, expectNothingKept } from './persistence';
import { expectRequestIdOnEveryEvent, expectBurstRefusals, expectNoAccount } from './hostile-input';
import { expectRecordedAsFailedAsSeen, expectOneTrialCall } from './resilience';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "Then …": what holds at the end, with no one person at its centre. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const OUTCOME: Record<string, PhraseStep> = {
  'it starts': function (this: ApexWorld) {
    expectStarted(this.recall('platformProcess'));
  },
  'that instance lists {faultListing}': async function (this: ApexWorld, listing: string) {
    await expectFaultsListed(faultSwitchOfLatestInstance(this), FAULT_LISTINGS[listing]);
  },
  'that instance will not let {actor} in, because it cannot check {pronoun} session': async function (this: ApexWorld, user: Actor, _pronoun: string) {
    await expectInstanceRefusesUnchecked(user, this.latestInstance);
  },
  "the provider sends {actor}'s code there": function (this: ApexWorld, user: Actor) {
    expectCodeSentTo(user.lastAnswer, this.recall<string>('asked destination'));
  },
  'a sign-in with an unknown email is refused about as fast as one with a wrong password': function (this: ApexWorld) {
    expectSimilarTiming([...this.sessions.values()].flatMap((s) => s.attempts));
  },
  'the recommendation {string} tells {actor} {string}': async function (this: ApexWorld, title: string, user: Actor, words: string) {
    expectRecommendationSays(await completedResult(user.lastRun(), this.target.runDeadlineMs), user.name, title, words);
  },
  'the top recommendation for {actor} is {string}': async function (this: ApexWorld, user: Actor, title: string) {
    expectTopRecommendation(await completedResult(user.lastRun(), this.target.runDeadlineMs), user.name, title);
  },
  "the agent states its confidence in {actor}'s answer as a score between 0 and 1": async function (this: ApexWorld, user: Actor) {
    expectConfidenceScore(await completedResult(user.lastRun(), this.target.runDeadlineMs));
  },
  "every tool {actor}'s agent used reported back under the same call id": async function (this: ApexWorld, user: Actor) {
    const run = await answeredRun(user, this.target.runDeadlineMs);
    expectToolCallsPaired(run);
  },
  "every tool {actor}'s agent used was asked about {pronoun} own request": async function (this: ApexWorld, user: Actor, _pronoun: string) {
    const run = await answeredRun(user, this.target.runDeadlineMs);
    expectToolsAskedAboutRequest(run);
  },
  "the figures the tools found are the ones in {actor}'s answer": async function (this: ApexWorld, user: Actor) {
    const run = await answeredRun(user, this.target.runDeadlineMs);
    expectToolFiguresInAnswer(run);
  },
  "nothing more of {actor}'s analysis arrives or is recorded after the cancellation": async function (this: ApexWorld, user: Actor) {
    const run = user.runs.find((r) => r.interruptedAt)!;
    const received = expectCancellationLast(run);
    const probe = this.databaseProbe();
    if (!probe) return this.notChecked('the suite has no database address for this target (set APEX_DATABASE_URL to check what it stored)');
    await expectStoredEndingInCancellation(probe, run, received);
  },
  "the conversation still holds {actor}'s earlier request": async function (this: ApexWorld, user: Actor) {
    const [earlier, latest] = user.runs.slice(-2);
    await completedResult(latest, this.target.runDeadlineMs);
    await expectFollowUpInConversation(user, earlier, latest);
  },
  "the API's answer has the same figures as the one {actor} watched": async function (this: ApexWorld, user: Actor) {
    const streamed = await completedResult(user.runs.at(-1)!, this.target.runDeadlineMs);
    expectSameFiguresAsStreamed(user.lastAnswer, streamed);
  },
  "all {int} of {actor}'s open chat connections (still )answer": async function (this: ApexWorld, count: number, user: Actor) {
    await expectOpenChatsAnswer(user, count);
  },
  "the answer is kept in {actor}'s conversation": async function (this: ApexWorld, user: Actor) {
    const run = user.lastRun();
    await run.completed(this.target.runDeadlineMs);
    await expectRunKeptInConversation(user, run);
  },
  "that conversation is {actor}'s alone, with its other details kept, and {actor} never sees it": async function (this: ApexWorld, actor: Actor, other: Actor) {
    await expectOwnedDespiteClaim(actor, other);
  },
  "the backend's health says the auth service accepts its service id": async function (this: ApexWorld) {
    expectAuthAccepts(await readHealth(this.target.apiUrl), "the backend's");
  },
  "that instance's health says the auth service accepts its service id": async function (this: ApexWorld) {
    expectAuthAccepts(await readHealth(this.latestInstance.apiUrl), "that instance's");
  },
  "that instance's health is unhealthy, naming {string} as the service id the auth service refuses": async function (this: ApexWorld, id: string) {
    expectAuthRefusesId(await readHealth(this.latestInstance.apiUrl), id, "that instance's");
  },
  'it is pointed at the API, the chat and the sign-in service where this specification reaches them': function (this: ApexWorld) {
    const { apiUrl, wsUrl, authUrl } = this.target;
    expectPointedAt(this.recall<Discovery>('discovery'), { api: apiUrl, chat: wsUrl, auth: authUrl }, 'where this specification reaches the services');
  },
  'it is pointed at the addresses that instance is published at': function (this: ApexWorld) {
    const { PUBLIC_API_URL, PUBLIC_WS_URL, PUBLIC_AUTH_URL, FRONTEND_URL } = PUBLISHED_ADDRESSES;
    expectPointedAt(this.recall<Discovery>('discovery'), { api: PUBLIC_API_URL, chat: PUBLIC_WS_URL, auth: PUBLIC_AUTH_URL, frontEnd: FRONTEND_URL }, 'the instance is published at');
  },
  'each service it is pointed at answers as that service, and the chat there welcomes {actor}': async function (this: ApexWorld, user: Actor) {
    const { services } = this.recall<Discovery>('discovery');
    expectHealthOf(await readHealth(services.backend.api_url), 'netra-backend', services.backend.api_url);
    expectHealthOf(await readHealth(services.auth.url), 'auth-service', services.auth.url);
    await ensureSignedIn(user);
    await connect(user, 'header', services.backend.ws_url);
  },
  "the front end is told the platform's name and features, and the environment and version its health reports": async function (this: ApexWorld) {
    expectPublicConfig(await readPublicConfig(this.target.apiUrl), await readHealth(this.target.apiUrl));
  },
  "both let the page read their answers, with {actor}'s credentials": function (this: ApexWorld, _user: Actor) {
    expectAllowed(this.recall('cross-origin calls'));
  },
  'neither lets the page read their answers': function (this: ApexWorld) {
    expectCrossOriginRefused(this.recall('cross-origin calls'));
  },
  "{users}'s runs all complete, and overlapped in time": async function (this: ApexWorld, names: string[]) {
    const runs = runsOf(this, names);
    await expectEveryRunCompletes(this, runs);
    expectOverlap(runs);
  },
  "nothing of anyone else's reaches the customers": function (this: ApexWorld) {
    expectIsolation(this.recall('crowd').map((n) => this.session(n)));
  },
  'every chat connection of {users} answers a ping': async function (this: ApexWorld, names: string[]) {
    await expectEveryConnectionAnswersPing(names.map((name) => this.session(name)));
  },
  "every chat connection of {users} receives every event of that person's run, and nothing of anyone else's": async function (this: ApexWorld, names: string[]) {
    await expectEveryRunCompletes(this, runsOf(this, names));
    for (const name of names) await expectEverySocketGotEveryRun(this.session(name), this.target.runDeadlineMs);
    expectIsolation(names.map((n) => this.session(n)));
  },
  "the customers' load figures are in the report": async function (this: ApexWorld) {
    const runs = crowdRuns(this);
    await Promise.allSettled(runs.map((r) => r.finished(this.target.runDeadlineMs)));
    const figures: LoadFigures = loadFiguresOf(runs);
    if (this.activeInstance) figures.platform_peak_rss_mb = Math.round((await diagnostics(this)).peak_rss / 1024 / 1024);
    this.remember('loadFigures', figures);
    this.evidence(loadFiguresHtml(`${runs.length} runs at once`, figures), 'text/html');
    this.evidence({ ...figures });
  },
  "the customers' first updates arrived within {int} ms at the 95th percentile": function (this: ApexWorld, ms: number) {
    expectFirstUpdatesWithin(this, this.recall('loadFigures'), ms);
  },
  "every customer's run completed within {int} seconds": function (this: ApexWorld, seconds: number) {
    expectEveryRunCompletedWithin(this, this.recall('loadFigures'), seconds);
  },
  "the platform's memory after a full collection has grown by less than {int}%": async function (this: ApexWorld, percent: number) {
    const after = await diagnostics(this, '?gc=1');
    expectHeapGrowthBelow(this, this.recall('heapBaseline'), after.heap_used, percent);
  },
  "the platform's records show {actor}'s session as ended, so it stays ended even if the shared store forgets": async function (this: ApexWorld, user: Actor) {
    const probe = this.databaseProbe();
    if (!probe) return this.notChecked('the suite has no database address for this target (set APEX_DATABASE_URL to check what it stored)');
    await expectSessionEndedOnRecord(probe, user);
  },
  'the {word} service reports its environment, version and the state of {string}': async function (this: ApexWorld, service: string, dependencies: string) {
    const url = service === 'auth' ? this.target.authUrl : this.target.apiUrl;
    const health = await expectHealthReport(service, url, dependencies.split(/, | and /));
    this.evidence(`${service}: ${health.status}, ${health.environment} ${health.version}, ${Object.entries(health.checks).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  },
  'both instances are healthy, and every schema change was applied exactly once': async function (this: ApexWorld) {
    await expectInstancesHealthy(this.instances.slice(-2));
    await expectMigrationsAppliedOnce(this.recall('scratchDatabaseUrl'));
  },
  "the conversation's title and {actor}'s question come back exactly as written, over the API and in the database": async function (this: ApexWorld, user: Actor) {
    const run = user.lastRun();
    await completedResult(run, this.target.runDeadlineMs);
    await expectTextKeptExactly(user, run, this.databaseProbe());
  },
  "everyone reading {actor}'s conversation sees the same order: over the API, over the chat and in the database": async function (this: ApexWorld, user: Actor) {
    await expectSameOrderForEveryReader(user, this.databaseProbe());
  },
  "the state of {actor}'s analysis is kept in Redis, for at most an hour": async function (this: ApexWorld, user: Actor) {
    const probe = this.cacheProbe();
    if (!probe) return this.skip('the suite has no Redis address for this target.');
    await expectRunStateCached(probe, user.lastRun());
  },
  'that connection receives every event of the analysis exactly once, in order': async function (this: ApexWorld) {
    const late = [...this.sessions.values()].find((s) => s.noted('catchUp'))!.recall('catchUp');
    await completedResult(late, this.target.runDeadlineMs);
    expectWellFormedRun(late);
  },
  'nothing was kept for {actor}: no conversation, no run': async function (this: ApexWorld, user: Actor) {
    await expectNothingKept(user);
  },
  'it refuses to start, naming {word}': function (this: ApexWorld, setting: string) {
    const sentence = expectRefusedToStart(this.recall('platformProcess'), setting);
    this.evidence(`The platform refused to start: ${sentence}`);
  },
  "every event of {actor}'s run carries its fields and timestamps": async function (this: ApexWorld, user: Actor) {
    const run = await answeredRun(user, this.target.runDeadlineMs);
    expectEventFields(run);
  },
  "every event of {actor}'s answer carries that id": async function (this: ApexWorld, user: Actor) {
    await expectRequestIdOnEveryEvent(user.lastRun(), this.target.runDeadlineMs);
  },
  'the first missed event reached {actor} within {int} seconds of reconnecting': function (this: ApexWorld, user: Actor, seconds: number) {
    const took = catchUpTime(user.lastRun());
    this.evidence(`Reconnection to the first replayed event: ${took} ms`);
    expectCaughtUpWithin(took, seconds);
  },
  'a request that brings no token is still refused as not signed in': async function (this: ApexWorld) {
    await expectNoTokenRefused(new ApiClient(this.activeInstance!.apiUrl));
  },
  "nothing half-written of {actor}'s analysis is left: it is recorded as failed, with exactly the events {pronoun} saw": async function (this: ApexWorld, user: Actor, _pronoun: string) {
    const probe = this.databaseProbe();
    if (!probe) return this.notChecked('the suite has no database address for this target (set APEX_DATABASE_URL to check what it stored)');
    await expectRecordedAsFailedAsSeen(probe, user.name, user.lastRun());
  },
  "only one of {actor}'s last {int} answers tried the broken tool again, and the others were refused by its breaker at once": async function (this: ApexWorld, user: Actor, count: number) {
    await expectOneTrialCall(user.runs.slice(-count), this.target.runDeadlineMs);
  },
  'no account was made for {actor}': async function (this: ApexWorld, user: Actor) {
    await expectNoAccount(user);
  },
  'both services are still healthy': async function (this: ApexWorld) {
    await expectHealth(this.activeInstance ?? this.target, { status: 'healthy' });
  },
  "exactly {int} of {actor}'s attempts were checked, and the other {int} refused because there were too many failed attempts": function (this: ApexWorld, checked: number, user: Actor, refused: number) {
    expectBurstRefusals(user.attempts, checked, refused);
  },
  "the record of {actor}'s analysis ends in a single failure, because {failureReason}, with no gap in its numbering": async function (this: ApexWorld, user: Actor, code: string) {
    const probe = this.databaseProbe();
    if (!probe) return this.notChecked('the suite has no database address for this target (set APEX_DATABASE_URL to check what it stored)');
    await expectRecordEndsInFailure(probe, user.lastRun(), code);
    return undefined;
  },
  "the second instance refuses {actor}'s token": async function (this: ApexWorld, user: Actor) {
    const instance = this.latestInstance;
    await expectApiRefuses(user, { api: new ApiClient(instance.apiUrl), auth: new AuthClient(instance.authUrl) });
  },
  "the revocation of {actor}'s token is kept in Redis until the token would have expired": async function (this: ApexWorld, user: Actor) {
    const probe = this.cacheProbe();
    if (!probe) return this.skip('the suite has no Redis address for this target.');
    await expectRevocationRecorded(probe, user);
  },
};
