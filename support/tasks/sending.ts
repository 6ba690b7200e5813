import { flood, sendOn, sendTextOn } from './chat';
import { ensureSignedIn } from './sign-in';
import { INCOMPLETE_MESSAGES } from '../domain';
import { http } from '../clients/http';
import { paddedPing } from '../frames';
import { ROUTER_PROBLEMS, wrongPasswordsAroundRightOne } from '../hostile-input';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "{user} sends …": what a person sends on the chat or the API. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const SENDING: Record<string, PhraseStep> = {
  'a ping of {frameSize}': function (this: ApexWorld, user: string, bytes: number) {
    const socket = this.session(user).sockets.at(-1)!;
    sendTextOn(socket, paddedPing(bytes));
  },
  'a message that is not JSON': function (this: ApexWorld, user: string) {
    const socket = this.session(user).sockets.at(-1)!;
    sendTextOn(socket, '{"type": "ping", oops');
  },
  '{notAMessage}': function (this: ApexWorld, user: string, text: string) {
    const socket = this.session(user).sockets.at(-1)!;
    sendTextOn(socket, text);
  },
  '{incompleteMessage}': function (this: ApexWorld, user: string, words: string) {
    const socket = this.session(user).sockets.at(-1)!;
    socket.marked = socket.frames.length;
    const { type, payload } = INCOMPLETE_MESSAGES[words];
    socket.send(type, payload);
    this.remember('incomplete message', words);
  },
  'a message of a kind the chat does not know': function (this: ApexWorld, user: string) {
    const socket = this.session(user).sockets.at(-1)!;
    sendOn(socket, 'teleport', { to: 'mars' });
  },
  'a message larger than {int} KiB': function (this: ApexWorld, user: string, kib: number) {
    this.session(user).sockets.at(-1)!.sendText(JSON.stringify({ type: 'ping', payload: { padding: 'x'.repeat(kib * 1024 + 1) } }));
  },
  '{int} more messages at once': function (this: ApexWorld, user: string, count: number) {
    const socket = this.session(user).sockets.at(-1)!;
    if (!this.hasNoted('first message')) this.remember('first message', Date.now());
    flood(socket, count);
  },
  '{int} messages on each of {pronoun} chat connections at once': function (this: ApexWorld, user: string, count: number, _pronoun: string) {
    for (const socket of this.session(user).sockets.filter((s) => s.isOpen)) {
      flood(socket, count);
    }
  },
  'the API a request with {routerProblem}': async function (this: ApexWorld, user: string, problem: string) {
    const session = this.session(user);
    await ensureSignedIn(session);
    const { path, method = 'GET', headers } = ROUTER_PROBLEMS[problem];
    await session.attempt('request', http(method, `${(this.activeInstance ?? this.target).apiUrl}${path}`, { token: session.accessToken, headers }));
  },
  '{int} wrong passwords for {user} all at once': async function (this: ApexWorld, user: string, count: number, owner: string) {
    const session = this.session(user);
    const email = this.session(owner).email;
    this.remember('first failed sign-in', Date.now());
    await Promise.all(Array.from({ length: count }, () => session.attempt('wrong password', session.auth.login({ email, password: 'wrong-password-123' }))));
  },
  '{int} wrong passwords for {user} all at once, and {user} {pronoun} right one while they are being checked': async function (this: ApexWorld, user: string, count: number, owner: string, signer: string, _pronoun: string) {
    await wrongPasswordsAroundRightOne(this.session(user), this.session(owner), count, signer);
  },
};
