import { startReading } from '../reading';
import type { Actor } from '../actor';
import { openSocket, sendOn, chatSocket, closeSockets, startAgent, flood, catchUpOn, reconnectAndResume, sendTextOn } from './chat';
import { ensureSignedIn, googleCallbackParameters, signIn, signInThroughBypassAsNobody, signInWithGoogle, signUp, signOut, refresh, firstDeviceRefreshToken, previousRefreshToken } from './sign-in';
import { untilWindowPassed } from '../expectations/accounts';
import { AuthClient } from '../clients/auth-client';
import { expectStatus, http, AuthorizationWriter } from '../clients/http';
import { BAD_SIGN_UPS, Workload, costQuestion, INCOMPLETE_MESSAGES } from '../domain';
import { OAUTH_DESTINATIONS, googleApprovalOf, googleReturnOf, ownCallback } from '../oauth';
import { comeBackFromGoogle, trySimulatedSignIn } from './oauth-returns';
import { answeredRun, completedResult } from '../expectations/agents';
import { FORGERIES } from '../clients/forgery';
import { closeOneChat, openChats, archiveWhileConnectionEnded, archiveWhileHeld, askForConversationWhileNotReading, dropChatsWhileSigningIn, startConversationSlowly } from '../resource-bounds';
import { listAtOnce } from '../pool-exhaustion';
import { untilStoredBeyond } from '../expectations/realtime';
import { randomUUID } from 'node:crypto';
import { INTRUSIONS, headersClaimingToBe, listClaimingToBe } from '../intrusions';
import { diagnostics } from './diagnostics';
import { expectCollected } from '../expectations/performance';
import { AgentRun } from '../agent-run';
import { addQuestionsAtOnce } from '../conversation-writers';
import { paddedPing } from '../frames';
import { FaultClient } from '../clients/fault-client';
import { DEADLINES } from '../deadlines';
import { HOSTILE_BODIES, ROUTER_PROBLEMS, detailsOf, wrongPasswordsAroundRightOne } from '../hostile-input';
import type { ApexWorld } from '../world';
import type { SocketAuth } from '../clients/agent-socket';
import type { PhraseStep } from '../phrasebook';

/** "{actor} …": what a person does. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const PERSON_ACTION: Record<string, PhraseStep> = {
  'signs up with {pronoun} email address and a password': async function (this: ApexWorld, user: Actor, _pronoun: string) {
    await signUp(user);
  },
  'signs in with {pronoun} email address and password': async function (this: ApexWorld, user: Actor, _pronoun: string) {
    await signIn(user);
  },
  'is signed in through the simulated OAuth sign-in without giving an email address or a name': async function (this: ApexWorld, user: Actor) {
    const key = this.target.secrets.e2eBypassKey;
    if (!key) return this.skip('the simulated sign-in needs the bypass key; set APEX_E2E_BYPASS_KEY for this target.');
    await signInThroughBypassAsNobody(user, key);
  },
  'opens a chat connection carrying the bypass key instead of a token': async function (this: ApexWorld, user: Actor) {
    const key = this.target.secrets.e2eBypassKey;
    if (!key) return this.skip('this needs the bypass key; set APEX_E2E_BYPASS_KEY for this target.');
    await openSocket(user, 'none', undefined, { headers: { 'x-e2e-bypass-key': key } });
  },
  'tries the simulated OAuth sign-in {badBypassKey}': function (this: ApexWorld, user: Actor, how: string) {
    return trySimulatedSignIn(this, user, how);
  },
  'tries the simulated OAuth sign-in on that instance': async function (this: ApexWorld, user: Actor) {
    const auth = new AuthClient(this.latestInstance.authUrl);
    await user.attempt('test sign-in', auth.testSignIn(this.target.secrets.e2eBypassKey ?? '', { email: user.email }));
  },
  'signs in with Google': async function (this: ApexWorld, user: Actor) {
    await signInWithGoogle(user);
  },
  'signs in with Google again': async function (this: ApexWorld, user: Actor) {
    this.remember(`${user}'s first account`, user.userId);
    await signInWithGoogle(user);
  },
  'comes back from Google {badGoogleReturn}': async function (this: ApexWorld, user: Actor, how: string) {
    await comeBackFromGoogle(user, how);
  },
  "replays {actor}'s return from Google": async function (this: ApexWorld, user: Actor, owner: Actor) {
    const address = googleReturnOf(owner);
    await user.attempt('callback', user.auth.follow(address));
  },
  "comes back from Google with a fresh code for {actor}'s already used sign-in": async function (this: ApexWorld, user: Actor, owner: Actor) {
    const approval = googleApprovalOf(owner);
    const approved = expectStatus(await user.auth.follow(approval), 302, 'The provider approving again');
    await user.attempt('callback', user.auth.follow(approved.location!));
  },
  "comes back from Google with {actor}'s already used code, in a sign-in of {pronoun} own": async function (this: ApexWorld, user: Actor, owner: Actor, _pronoun: string) {
    const used = googleReturnOf(owner);
    const { state } = await googleCallbackParameters(user);
    await user.attempt('callback', user.auth.oauthCallback({ code: new URL(used).searchParams.get('code')!, state }));
  },
  'asks to sign in with {word}': async function (this: ApexWorld, user: Actor, provider: string) {
    await user.attempt('sign-in start', user.auth.oauthStart(provider.toLowerCase()));
  },
  'asks the sign-in provider to send a code to {oauthDestination}': async function (this: ApexWorld, user: Actor, destination: string) {
    const start = expectStatus(await user.auth.oauthStart('google'), 302, 'Starting a Google sign-in');
    const asked = new URL(start.location!);
    const target = OAUTH_DESTINATIONS[destination](ownCallback(start.location!));
    asked.searchParams.set('redirect_uri', target);
    this.remember('asked destination', target);
    await user.attempt('provider approval', user.auth.follow(asked.toString()));
  },
  'starts a Google sign-in that would land on {oauthDestination}': async function (this: ApexWorld, user: Actor, destination: string) {
    const honest = expectStatus(await user.auth.oauthStart('google'), 302, 'Starting a Google sign-in');
    await user.attempt('sign-in start', user.auth.oauthStart('google', OAUTH_DESTINATIONS[destination](ownCallback(honest.location!))));
  },
  'starts a Google sign-in with a Host header naming another site': async function (this: ApexWorld, user: Actor) {
    this.remember('honest start', expectStatus(await user.auth.oauthStart('google'), 302, 'Starting a Google sign-in'));
    await user.attempt('sign-in start', user.auth.oauthStartClaimingHost('google', 'attacker.example'));
  },
  'starts a Google sign-in and comes back after its state has expired': async function (this: ApexWorld, user: Actor) {
    const started = Date.now();
    const { code, state } = await googleCallbackParameters(user);
    await untilWindowPassed(started, this.recall<number>('state lifetime'));
    await user.attempt('callback', user.auth.oauthCallback({ code, state }));
  },
  'asks to sign in with {word} on that instance': async function (this: ApexWorld, user: Actor, provider: string) {
    await user.attempt('sign-in start', new AuthClient(this.latestInstance.authUrl).oauthStart(provider.toLowerCase()));
  },
  "asks that instance's stand-in provider for a code as {actor}": async function (this: ApexWorld, user: Actor, victim: Actor) {
    const { authUrl } = this.latestInstance;
    const query = new URLSearchParams({ redirect_uri: `${authUrl}/auth/callback`, state: 'chosen-by-mallory', login_hint: victim.email });
    await user.attempt('stand-in provider', new AuthClient(authUrl).follow(`${authUrl}/auth/simulated-provider/authorize?${query}`));
  },
  "signs up with {actor}'s email address": async function (this: ApexWorld, user: Actor, owner: Actor) {
    await user.attempt('sign-up', user.auth.register({ email: owner.email, password: user.password }));
  },
  'signs up with a password of {int} characters': async function (this: ApexWorld, user: Actor, length: number) {
    await user.attempt('sign-up', user.auth.register({ email: user.email, password: 'p'.repeat(length) }));
  },
  'signs up with {badSignUp}': async function (this: ApexWorld, user: Actor, problem: string) {
    await user.attempt('sign-up', user.auth.registerRaw(BAD_SIGN_UPS[problem](user.email, user.password)));
  },
  'signs in with {badSignUp}': async function (this: ApexWorld, user: Actor, problem: string) {
    await user.attempt('sign-in', user.auth.loginRaw(BAD_SIGN_UPS[problem](user.email, user.password)));
  },
  'tries {int} times to sign in as {actor} with a wrong password': async function (this: ApexWorld, user: Actor, times: number, owner: Actor) {
    for (let i = 0; i < times; i++) {
      await user.attempt('wrong password', user.auth.login({ email: owner.email, password: 'wrong-password-123' }));
      // The window opens when the first failure is counted, which is before its answer arrives.
      if (!this.hasNoted('first failed sign-in')) this.remember('first failed sign-in', Date.now());
    }
  },
  'tries to sign in as {actor} with a password of {pronoun} own': async function (this: ApexWorld, user: Actor, owner: Actor, _pronoun: string) {
    await user.attempt('sign-in', user.auth.login({ email: owner.email, password: 'any-password-123' }));
  },
  'tries {int} times to sign in as {actor} with a wrong password, writing {pronoun} email address in capitals': async function (this: ApexWorld, user: Actor, times: number, owner: Actor, _pronoun: string) {
    for (let i = 0; i < times; i++) {
      await user.attempt('wrong password', user.auth.login({ email: owner.email.toUpperCase(), password: 'wrong-password-123' }));
    }
  },
  'tries {int} times to sign in as {actor} with a wrong password, each time followed by an email nobody has': async function (this: ApexWorld, user: Actor, times: number, owner: Actor) {
    // In turn, so that both kinds meet the same load on the machine and their times compare.
    for (let i = 0; i < times; i++) {
      await user.attempt('wrong password', user.auth.login({ email: owner.email, password: 'wrong-password-123' }));
      await user.attempt('unknown email', user.auth.login({ email: `nobody.${user.email}`, password: 'wrong-password-123' }));
    }
  },
  'tries to sign in with {pronoun} right password': async function (this: ApexWorld, user: Actor, _pronoun: string) {
    await user.attempt('sign-in', user.auth.login({ email: user.email, password: user.password }));
  },
  'signs in with {pronoun} email address in capitals and {pronoun} password': async function (this: ApexWorld, user: Actor, _pronoun: string, _pronoun2: string) {
    await user.attempt('sign-in', user.auth.login({ email: user.email.toUpperCase(), password: user.password }));
  },
  "signs up with {actor}'s email address in capitals": async function (this: ApexWorld, user: Actor, owner: Actor) {
    await user.attempt('sign-up', user.auth.register({ email: owner.email.toUpperCase(), password: user.password }));
  },
  'signs up giving {pronoun} name as {string}': async function (this: ApexWorld, user: Actor, _pronoun: string, name: string) {
    await user.attempt('sign-up', user.auth.register({ email: user.email, password: user.password, name }));
  },
  'signs up without giving a name': async function (this: ApexWorld, user: Actor) {
    await user.attempt('sign-up', user.auth.register({ email: user.email, password: user.password }));
  },
  'stops it once it is under way': async function (this: ApexWorld, user: Actor) {
    const run = user.lastRun();
    await run.underWay(this.target.runDeadlineMs);
    run.socket.send('agent_interrupt', { run_id: run.runId });
    run.interruptedAt = Date.now();
  },
  'stops it after it has ended': async function (this: ApexWorld, user: Actor) {
    const run = await answeredRun(user, this.target.runDeadlineMs);
    run.interruptedAt = Date.now();
    sendOn(run.socket, 'agent_interrupt', { run_id: run.runId });
  },
  'opens a chat connection': async function (this: ApexWorld, user: Actor) {
    await ensureSignedIn(user);
    await openSocket(user);
  },
  'opens a chat connection with {pronoun} token {carrier}': async function (this: ApexWorld, user: Actor, _pronoun: string, carrier: SocketAuth) {
    await openSocket(user, carrier);
  },
  'opens a chat connection with {pronoun} token written {authorizationWriting} in the Authorization header': async function (this: ApexWorld, user: Actor, _pronoun: string, writing: AuthorizationWriter) {
    await ensureSignedIn(user);
    await openSocket(user, 'header', user.chatUrl, { authorization: writing });
  },
  'opens a chat connection with {pronoun} token {carrier} and a token {forgery} {carrier}': async function (this: ApexWorld, user: Actor, _pronoun: string, carrier: SocketAuth, forgery: string, otherCarrier: SocketAuth) {
    await ensureSignedIn(user);
    const recipe = FORGERIES[forgery];
    if (recipe.needsSecret && !this.target.secrets.jwt) return this.skip(`building a token that is ${forgery} needs the signing secret; set APEX_JWT_SECRET for this target.`);
    const bad = await recipe.build({ accessToken: user.accessToken, refreshToken: user.tokens!.refresh_token, signingSecret: this.target.secrets.jwt, signOut: async () => undefined, serviceToken: async () => undefined });
    await openSocket(user, carrier, user.chatUrl, { alsoCarried: { token: bad, auth: otherCarrier } });
  },
  'opens {int} chat connections': async function (this: ApexWorld, user: Actor, count: number) {
    await openChats(user, count);
  },
  'closes one of {pronoun} chat connections': async function (this: ApexWorld, user: Actor, _pronoun: string) {
    await closeOneChat(user);
  },
  "starts a conversation whose details claim it is {actor}'s": async function (this: ApexWorld, actor: Actor, owner: Actor) {
    const [session, claimed] = [actor, owner];
    await Promise.all([ensureSignedIn(session), ensureSignedIn(claimed)]);
    session.remember('thread', expectStatus(await session.api.createThread(session.accessToken, { title: 'Whose is this?', metadata: { user_id: claimed.userId, project: 'apollo' } }), 201, `Starting ${actor}'s conversation`).body);
  },
  'starts a conversation without giving any details': async function (this: ApexWorld, user: Actor) {
    await ensureSignedIn(user);
    await user.attempt('create thread', user.api.createThread(user.accessToken));
  },
  'tries to sign up with {pronoun} email address and a password': async function (this: ApexWorld, user: Actor, _pronoun: string) {
    await user.attempt('sign-up', user.auth.register({ email: user.email, password: user.password, name: user.name }));
  },
  'asks for {pronoun} conversations {int} times at once, while {actor} asks for {pronoun} once': async function (this: ApexWorld, user: Actor, _pronoun: string, times: number, control: Actor, _pronoun2: string) {
    await listAtOnce(this, user, times, control);
  },
  "tries to read {actor}'s conversation, its messages and the run": async function (this: ApexWorld, reader: Actor, owner: Actor) {
    await ensureSignedIn(reader);
    const run = await answeredRun(owner, this.target.runDeadlineMs);
    await reader.attempt('read thread', reader.api.thread(reader.accessToken, run.threadId!));
    await reader.attempt('read messages', reader.api.messages(reader.accessToken, run.threadId!));
    await reader.attempt('read run', reader.api.run(reader.accessToken, run.runId!));
  },
  'lists {pronoun} conversations with headers claiming to be {actor}': async function (this: ApexWorld, user: Actor, _pronoun: string, named: Actor) {
    await listClaimingToBe(user, named, this.target.runDeadlineMs);
  },
  'opens a chat connection with headers claiming to be {actor}': async function (this: ApexWorld, user: Actor, named: Actor) {
    await ensureSignedIn(user);
    await openSocket(user, 'header', user.chatUrl, { headers: headersClaimingToBe(named) });
  },
  'opens a chat connection without a token, with headers claiming to be {actor}': async function (this: ApexWorld, user: Actor, named: Actor) {
    await openSocket(user, 'none', undefined, { headers: headersClaimingToBe(named) });
  },
  'signs out and signs in again': async function (this: ApexWorld, user: Actor) {
    await signOut(user);
    await closeSockets(user);
    await signIn(user);
  },
  "tries to {intrusion} {actor}'s conversation once {pronoun} analysis is under way": async function (this: ApexWorld, actor: Actor, intrusion: string, owner: Actor, _pronoun: string) {
    const run = owner.lastRun();
    await run.underWay(this.target.runDeadlineMs);
    await ensureSignedIn(actor);
    actor.remember('lastIntrusion', await INTRUSIONS[intrusion](actor, { threadId: run.threadId!, runId: run.runId! }));
  },
  "tries to {intrusion} {actor}'s conversation once {pronoun} analysis has ended": async function (this: ApexWorld, actor: Actor, intrusion: string, owner: Actor, _pronoun: string) {
    const run = await answeredRun(owner, this.target.runDeadlineMs);
    await ensureSignedIn(actor);
    actor.remember('lastIntrusion', await INTRUSIONS[intrusion](actor, { threadId: run.threadId!, runId: run.runId! }));
  },
  'tries to {intrusion} a conversation that does not exist': async function (this: ApexWorld, actor: Actor, intrusion: string) {
    await ensureSignedIn(actor);
    actor.remember('lastIntrusion', await INTRUSIONS[intrusion](actor, { threadId: `thread_${randomUUID()}`, runId: `run_${randomUUID()}` }));
  },
  'floods the chat with {int} messages while {users} each ask the {agent} about {workload} at the same moment': async function (this: ApexWorld, flooder: Actor, count: number, names: string[], agent: string, workload: Workload) {
    const mallory = flooder;
    await ensureSignedIn(mallory);
    const socket = await chatSocket(mallory);
    this.remember('crowd', names);
    await Promise.all(names.map(async (n) => {
      await ensureSignedIn(this.session(n));
      await chatSocket(this.session(n));
    }));
    flood(socket, count);
    await Promise.all([...names.map((n) => startAgent(this.session(n), agent, { user_request: costQuestion(workload), context: { workload } }))]);
  },
  'asks the {agent} about {workload} {int} times to warm the platform up': async function (this: ApexWorld, user: Actor, agent: string, workload: Workload, times: number) {
    for (let i = 0; i < times; i++) await completedResult(await startAgent(user, agent, { user_request: costQuestion(workload), context: { workload } }), this.target.runDeadlineMs);
    const before = await diagnostics(this, '?gc=1');
    expectCollected(before);
    this.remember('heapBaseline', before.heap_used);
  },
  'tries to start a conversation with a title of {int} characters': async function (this: ApexWorld, user: Actor, length: number) {
    await ensureSignedIn(user);
    user.remember('threadCountBefore', (expectStatus(await user.api.threads(user.accessToken), 200, 'Listing threads').body.threads as unknown[]).length);
    await user.attempt('create thread', user.api.createThread(user.accessToken, { title: 'T'.repeat(length) }));
  },
  'archives the conversation': async function (this: ApexWorld, user: Actor) {
    const run = user.lastRun();
    await completedResult(run, this.target.runDeadlineMs);
    expectStatus(await user.api.archiveThread(user.accessToken, run.threadId!), 204, `Archiving ${user}'s conversation`);
  },
  'adds {int} questions about {workload} to it at the same moment, {int} over the chat and {int} through the API': async function (this: ApexWorld, user: Actor, total: number, workload: Workload, overChat: number, overApi: number) {
    await addQuestionsAtOnce(user, workload, { total, overChat, overApi }, this.target.runDeadlineMs);
  },
  'opens another chat connection and catches up on the analysis': async function (this: ApexWorld, user: Actor) {
    const run = user.lastRun();
    const socket = await openSocket(user, 'header', user.chatUrl, { first: { type: 'resume', payload: { run_id: run.runId, after_seq: 0 } } });
    user.remember('catchUp', new AgentRun(run.requestId, run.agent, run.request, socket, 0, run.sentAt));
  },
  'opens a chat connection on the second instance and catches up on the analysis': async function (this: ApexWorld, user: Actor) {
    await catchUpOn(user, this.latestInstance.wsUrl);
  },
  'reconnects after the analysis has moved on, and picks up where {pronoun} left off': async function (this: ApexWorld, user: Actor, _pronoun: string) {
    const run = user.lastRun();
    const seen = run.lastSeq;
    const probe = this.databaseProbe();
    // Waiting for stored progress makes sure there is something to replay; without a probe the
    // reconnection is immediate and the replay may be empty.
    if (probe) await untilStoredBeyond(probe, run, seen, this.target.runDeadlineMs);
    run.reconnectedAt = await reconnectAndResume(user, run);
    run.lastSeqBeforeReconnect = seen;
  },
  'reconnects and picks up where {pronoun} left off': async function (this: ApexWorld, user: Actor, _pronoun: string) {
    const run = user.lastRun();
    run.lastSeqBeforeReconnect = run.lastSeq;
    run.reconnectedAt = await reconnectAndResume(user, run);
  },
  'pings the chat': function (this: ApexWorld, user: Actor) {
    const socket = user.sockets.at(-1)!;
    sendOn(socket, 'ping');
  },
  'sends a ping of {frameSize}': function (this: ApexWorld, user: Actor, bytes: number) {
    const socket = user.sockets.at(-1)!;
    sendTextOn(socket, paddedPing(bytes));
  },
  'sends a message that is not JSON': function (this: ApexWorld, user: Actor) {
    const socket = user.sockets.at(-1)!;
    sendTextOn(socket, '{"type": "ping", oops');
  },
  'sends {notAMessage}': function (this: ApexWorld, user: Actor, text: string) {
    const socket = user.sockets.at(-1)!;
    sendTextOn(socket, text);
  },
  'sends {incompleteMessage}': function (this: ApexWorld, user: Actor, words: string) {
    const socket = user.sockets.at(-1)!;
    startReading(socket);
    const { type, payload } = INCOMPLETE_MESSAGES[words];
    socket.send(type, payload);
    this.remember('incomplete message', words);
  },
  'sends a message of a kind the chat does not know': function (this: ApexWorld, user: Actor) {
    const socket = user.sockets.at(-1)!;
    sendOn(socket, 'teleport', { to: 'mars' });
  },
  'sends a message larger than {int} KiB': function (this: ApexWorld, user: Actor, kib: number) {
    user.sockets.at(-1)!.sendText(JSON.stringify({ type: 'ping', payload: { padding: 'x'.repeat(kib * 1024 + 1) } }));
  },
  'sends {int} more messages at once': function (this: ApexWorld, user: Actor, count: number) {
    const socket = user.sockets.at(-1)!;
    if (!this.hasNoted('first message')) this.remember('first message', Date.now());
    flood(socket, count);
  },
  'signs out on the second instance': async function (this: ApexWorld, user: Actor) {
    expectStatus(await new AuthClient(this.latestInstance.authUrl).logout(user.accessToken), 200, `Signing ${user} out on the second instance`);
  },
  'sends {int} messages on each of {pronoun} chat connections at once': function (this: ApexWorld, user: Actor, count: number, _pronoun: string) {
    for (const socket of user.sockets.filter((s) => s.isOpen)) {
      flood(socket, count);
    }
  },
  'tries to open a chat connection at another address of the platform': async function (this: ApexWorld, user: Actor) {
    await ensureSignedIn(user);
    const elsewhere = new URL(user.chatUrl);
    elsewhere.pathname = `${elsewhere.pathname.replace(/\/+$/, '')}-elsewhere`;
    this.remember('connection attempt', await openSocket(user, 'header', elsewhere.toString()).then(
      (socket) => `opened (${socket.frames.length} frames)`,
      (error: Error) => error.message,
    ));
  },
  'opens another chat and asks it to replay {pronoun} analysis from {replayFrom}': async function (this: ApexWorld, user: Actor, _pronoun: string, from: unknown) {
    const run = user.lastRun();
    await completedResult(run, this.target.runDeadlineMs);
    this.remember('events first sent', run.events.map((f) => f.frame));
    const socket = await openSocket(user);
    await socket.connectionAnswer();
    sendOn(socket, 'resume', { run_id: run.runId, after_seq: from });
  },
  'archives it while other work holds it in the database for longer than that': async function (this: ApexWorld, user: Actor) {
    await archiveWhileHeld(user, this.target.databaseUrl!);
  },
  'archives it while the database ends the connection the change is waiting on': async function (this: ApexWorld, user: Actor) {
    if (!this.target.databaseUrl) return this.skip('the suite has no database address for this target (set APEX_DATABASE_URL).');
    await archiveWhileConnectionEnded(user, this.target.databaseUrl);
    return undefined;
  },
  'tries to break the platform on purpose {faultCredentials}': async function (this: ApexWorld, user: Actor, credentials: string) {
    const target = `tool_${randomUUID().slice(0, 8)}`;
    this.remember('attempted fault', target);
    await user.attempt('fault', FaultClient.attempt(this.target.apiUrl, { fault: 'tool_failure', target }, credentials === 'without the service secret' ? undefined : 'not-the-service-secret'));
  },
  'starts a conversation whose body holds {hostileBody}': async function (this: ApexWorld, user: Actor, hostile: string) {
    await ensureSignedIn(user);
    user.remember('threadCountBefore', (expectStatus(await user.api.threads(user.accessToken), 200, 'Listing threads').body.threads as unknown[]).length);
    const body = HOSTILE_BODIES[hostile]({ title: 'Budget review' });
    this.remember('details sent', detailsOf(body));
    await user.attempt('create thread', user.api.createThreadRaw(user.accessToken, body));
  },
  'signs up with a body holding {hostileBody}': async function (this: ApexWorld, user: Actor, hostile: string) {
    await user.attempt('sign-up', user.auth.registerRawText(HOSTILE_BODIES[hostile]({ email: user.email, password: user.password, name: user })));
  },
  'sends the API a request with {routerProblem}': async function (this: ApexWorld, user: Actor, problem: string) {
    await ensureSignedIn(user);
    const { path, method = 'GET', headers } = ROUTER_PROBLEMS[problem];
    await user.attempt('request', http(method, `${(this.activeInstance ?? this.target).apiUrl}${path}`, { token: user.accessToken, headers }));
  },
  'sends {int} wrong passwords for {actor} all at once': async function (this: ApexWorld, user: Actor, count: number, owner: Actor) {
    const email = owner.email;
    this.remember('first failed sign-in', Date.now());
    await Promise.all(Array.from({ length: count }, () => user.attempt('wrong password', user.auth.login({ email, password: 'wrong-password-123' }))));
  },
  'sends {int} wrong passwords for {actor} all at once, and {actor} {pronoun} right one while they are being checked': async function (this: ApexWorld, user: Actor, count: number, owner: Actor, signer: Actor, _pronoun: string) {
    await wrongPasswordsAroundRightOne(user, owner, count, signer.name);
  },
  'opens {int} chat connections and closes them while the platform is still checking {pronoun} token': async function (this: ApexWorld, user: Actor, count: number, _pronoun: string) {
    await dropChatsWhileSigningIn(user, this.noted('authRelay'), count);
  },
  'asks for that conversation {int} times on the chat that has stopped reading, and {int} times on {pronoun} other chat': async function (this: ApexWorld, user: Actor, times: number, readingTimes: number, _pronoun: string) {
    this.remember('conversations asked for', times);
    this.remember('conversations asked for on the chat that reads', readingTimes);
    await askForConversationWhileNotReading(user, times, readingTimes, DEADLINES.settle);
  },
  'starts a conversation whose body trickles in over {duration}': async function (this: ApexWorld, user: Actor, ms: number) {
    this.remember('details sent', await startConversationSlowly(user, ms));
  },
  'refreshes {pronoun} session': async function (this: ApexWorld, user: Actor, _pronoun: string) {
    await refresh(user);
  },
  "presents {actor}'s spent refresh token": async function (this: ApexWorld, presenter: Actor, owner: Actor) {
    const spent = previousRefreshToken(owner);
    await presenter.attempt('refresh', presenter.auth.refresh(spent));
  },
  'signs out': async function (this: ApexWorld, user: Actor) {
    await signOut(user);
  },
  'asks the auth service to vouch for a token by reading its address': async function (this: ApexWorld, user: Actor) {
    await user.attempt('validate', user.auth.validateByReading());
  },
  'signs out on the first device': async function (this: ApexWorld, user: Actor) {
    expectStatus(await user.auth.logout(user.issued[0].access_token), 200, `Signing ${user} out on the first device`);
  },
  'refreshes {pronoun} session on the first device': async function (this: ApexWorld, user: Actor, _pronoun: string) {
    // The first device's new pair is not kept: what follows is about the token it spent.
    expectStatus(await user.auth.refresh(user.issued[0].refresh_token), 200, `Refreshing ${user}'s user on the first device`);
  },
  "presents the refresh token {actor}'s first device has spent": async function (this: ApexWorld, presenter: Actor, owner: Actor) {
    const spent = firstDeviceRefreshToken(owner);
    await presenter.attempt('refresh', presenter.auth.refresh(spent));
  },
};
