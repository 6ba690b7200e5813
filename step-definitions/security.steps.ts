import { chatSocket } from '../support/tasks/chat';
import { ensureSignedIn } from '../support/tasks/sign-in';
import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { expectStatus } from '../support/clients/http';
import { HOSTILE_BODIES, ROUTER_PROBLEMS, detailsOf } from '../support/hostile-input';
import { http } from '../support/clients/http';
import { publishPoison, wrongPasswordsAroundRightOne } from '../support/hostile-input';


import { PrivateRedis } from '../support/fakes/private-redis';
import { GarbageAuth } from '../support/fakes/garbage-auth';
import { endOwnProcess, runInOwnProcess, runOnOwnInstance, shutDownOwnInstance, startOwnPlatformAgain } from '../support/crashes';
import { expectEndedInFailure, expectRecordEndsInFailure, expectReportedFailed, expectStillUnderWay } from '../support/expectations/runs';
import { expectAnswered, expectEndedWithin, expectLetInNowhere, expectRequestIdOnEveryEvent, expectStillServing } from '../support/expectations/hostile-input';
import { expectHealth } from '../support/expectations/realtime';
import { expectBurstRefusals, expectDetailsKept, expectNoAccount } from '../support/expectations/hostile-input';
import { instanceWithHeldTokenChecks } from '../support/breakable-links';
import { askForConversationWhileNotReading, dropChatsWhileSigningIn, readingChatOf, stalledChatOf, startConversationSlowly } from '../support/resource-bounds';
import { expectDroppedAsTooFarBehind, expectShownConversation } from '../support/expectations/resource-bounds';
import { DEADLINES } from '../support/deadlines';

When('{user} starts a conversation whose body holds {hostileBody}', async function (this: ApexWorld, user: string, hostile: string) {
  const session = this.session(user);
  await ensureSignedIn(session);
  session.remember('threadCountBefore', (expectStatus(await session.api.threads(session.accessToken), 200, 'Listing threads').body.threads as unknown[]).length);
  const body = HOSTILE_BODIES[hostile]({ title: 'Budget review' });
  this.remember('details sent', detailsOf(body));
  await session.attempt('create thread', session.api.createThreadRaw(session.accessToken, body));
});

Then("{user}'s new conversation keeps exactly those details", async function (this: ApexWorld, user: string) {
  await expectDetailsKept(this.session(user), this.recall('details sent'));
});

When('{user} signs up with a body holding {hostileBody}', async function (this: ApexWorld, user: string, hostile: string) {
  const session = this.session(user);
  await session.attempt('sign-up', session.auth.registerRawText(HOSTILE_BODIES[hostile]({ email: session.email, password: session.password, name: user })));
});

Then('no account was made for {user}', async function (this: ApexWorld, user: string) {
  await expectNoAccount(this.session(user));
});

Then('both services are still healthy', async function (this: ApexWorld) {
  await expectHealth(this.activeInstance ?? this.target, { status: 'healthy' });
});

When('{user} sends the API a request with {routerProblem}', async function (this: ApexWorld, user: string, problem: string) {
  const session = this.session(user);
  await ensureSignedIn(session);
  const { path, method = 'GET', headers } = ROUTER_PROBLEMS[problem];
  await session.attempt('request', http(method, `${(this.activeInstance ?? this.target).apiUrl}${path}`, { token: session.accessToken, headers }));
});

When('{user} sends {int} wrong passwords for {user} all at once', async function (this: ApexWorld, user: string, count: number, owner: string) {
  const session = this.session(user);
  const email = this.session(owner).email;
  this.remember('first failed sign-in', Date.now());
  await Promise.all(Array.from({ length: count }, () => session.attempt('wrong password', session.auth.login({ email, password: 'wrong-password-123' }))));
});

When('{user} sends {int} wrong passwords for {user} all at once, and {user} {pronoun} right one while they are being checked', async function (this: ApexWorld, user: string, count: number, owner: string, signer: string, _pronoun: string) {
  await wrongPasswordsAroundRightOne(this.session(user), this.session(owner), count, signer);
});

Then("exactly {int} of {user}'s attempts were checked, and the other {int} refused because there were too many failed attempts", function (this: ApexWorld, checked: number, user: string, refused: number) {
  expectBurstRefusals(this.session(user).attempts, checked, refused);
});

const OWN_PROCESS = 'this starts the reference platform as a process of its own, beside stand-ins for its neighbours; a remote target cannot be rewired.';

Given('the platform runs in a process of its own, on a Redis server of its own', async function (this: ApexWorld) {
  if (this.target.kind === 'remote') return this.skip(OWN_PROCESS);
  if (!PrivateRedis.available) return this.skip('there is no redis-server on this machine to start a private one with (install Debian\'s redis-server).');
  const redis = await PrivateRedis.start();
  this.keepStandIn(redis);
  this.remember('private redis', redis);
  await runInOwnProcess(this, { REDIS_URL: redis.url });
  return undefined;
});

Given('the platform runs in a process of its own, whose auth service answers with a page that is not JSON', async function (this: ApexWorld) {
  if (this.target.kind === 'remote') return this.skip(OWN_PROCESS);
  const garbage = await GarbageAuth.start();
  this.keepStandIn(garbage);
  await runInOwnProcess(this, { AUTH_SERVICE_URL: garbage.url });
  return undefined;
});

Given('the platform runs in a process of its own', async function (this: ApexWorld) {
  if (!(await runInOwnProcess(this))) return this.skip(OWN_PROCESS);
  return undefined;
});

Given('the platform runs as an instance of its own, on a database of its own', async function (this: ApexWorld) {
  if (!(await runOnOwnInstance(this))) return this.skip('this starts a reference platform instance on a database of its own; a remote target has its own.');
  return undefined;
});

When("the platform's process is {processEnding} once {user}'s analysis is under way", async function (this: ApexWorld, ending: string, user: string) {
  await endOwnProcess(this, ending, this.session(user).lastRun());
});

When("the platform is shut down once {user}'s analysis is under way", async function (this: ApexWorld, user: string) {
  await shutDownOwnInstance(this, this.session(user).lastRun());
});

When('the platform is started again', async function (this: ApexWorld) {
  await startOwnPlatformAgain(this);
});

Then("{user}'s analysis is reported failed within {int} seconds, because {failureReason}", async function (this: ApexWorld, user: string, seconds: number, code: string) {
  await expectReportedFailed(this.session(user), this.session(user).lastRun(), code, seconds * 1000);
});

Then("the record of {user}'s analysis ends in a single failure, because {failureReason}, with no gap in its numbering", async function (this: ApexWorld, user: string, code: string) {
  const probe = this.databaseProbe();
  if (!probe) return this.notChecked('the suite has no database address for this target (set APEX_DATABASE_URL to check what it stored)');
  await expectRecordEndsInFailure(probe, this.session(user).lastRun(), code);
  return undefined;
});

Then("{user}'s analysis ends in a failure, because {failureReason}, with no update missing or repeated", async function (this: ApexWorld, user: string, code: string) {
  await expectEndedInFailure(this.session(user).lastRun(), code, this.target.runDeadlineMs);
});

Then("{user}'s analysis is still under way", function (this: ApexWorld, user: string) {
  expectStillUnderWay(this.session(user).lastRun());
});

When("a neighbour publishes {poison}, while {user}'s chat is open", async function (this: ApexWorld, poison: string, user: string) {
  const session = this.session(user);
  await chatSocket(session);
  await publishPoison(this.recall<PrivateRedis>('private redis'), session, poison);
});

Then("the platform is still serving: it reports itself healthy, and {user}'s question is answered", async function (this: ApexWorld, user: string) {
  await expectHealth(this.activeInstance!, { status: 'healthy' });
  await expectAnswered(this.session(user), this.target.runDeadlineMs);
});

Then("the platform refuses {user}'s requests as unable to check {pronoun} session, and is still running", async function (this: ApexWorld, user: string, _pronoun: string) {
  await expectStillServing(this.session(user), this.activeInstance!);
});

Then("{user}'s question is answered or refused within a second", async function (this: ApexWorld, user: string) {
  await expectEndedWithin(this.session(user).lastRun(), 1000);
});

Then("every event of {user}'s answer carries that id", async function (this: ApexWorld, user: string) {
  await expectRequestIdOnEveryEvent(this.session(user).lastRun(), this.target.runDeadlineMs);
});

Given('an instance of the platform whose token checks can be held up', async function (this: ApexWorld) {
  return instanceWithHeldTokenChecks(this);
});

Then('the platform lets {user} in neither on the chat nor through the API while its auth service answers {pronoun} token checks with each of these:', async function (this: ApexWorld, user: string, _pronoun: string, answers: DataTable) {
  await expectLetInNowhere(this.session(user), this.recall('authRelay'), answers.hashes() as { answer: string; verdict: string }[]);
});

When('{user} opens {int} chat connections and closes them while the platform is still checking {pronoun} token', async function (this: ApexWorld, user: string, count: number, _pronoun: string) {
  await dropChatsWhileSigningIn(this.session(user), this.noted('authRelay'), count);
});

When('{user} asks for that conversation {int} times on the chat that has stopped reading, and {int} times on {pronoun} other chat', async function (this: ApexWorld, user: string, times: number, readingTimes: number, _pronoun: string) {
  this.remember('conversations asked for', times);
  this.remember('conversations asked for on the chat that reads', readingTimes);
  await askForConversationWhileNotReading(this.session(user), times, readingTimes, DEADLINES.settle);
});

Then("{user}'s chat that stopped reading is closed as falling too far behind, before half of what it asked for reached it", async function (this: ApexWorld, user: string) {
  this.evidence(await expectDroppedAsTooFarBehind(stalledChatOf(this.session(user)), user, this.recall<number>('conversations asked for'), DEADLINES.settle));
});

Then("{user}'s other chat was shown the whole conversation every time", function (this: ApexWorld, user: string) {
  const session = this.session(user);
  expectShownConversation(session, readingChatOf(session), this.recall<number>('conversations asked for on the chat that reads'));
});

Given('the platform waits at most {duration} for a request to arrive', async function (this: ApexWorld, ms: number) {
  if (this.target.kind === 'remote') return this.skip('this starts a reference platform instance that waits less long for requests; a remote target cannot be reconfigured.');
  this.moveEveryoneTo((await this.startInstance({ REQUEST_TIMEOUT_SECONDS: String(ms / 1000) }))!);
  return undefined;
});

When('{user} starts a conversation whose body trickles in over {duration}', async function (this: ApexWorld, user: string, ms: number) {
  this.remember('details sent', await startConversationSlowly(this.session(user), ms));
});
