import Fastify, { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for an OpenAI-compatible chat model, on loopback: no real model is reachable from
 * these machines, so the platform's adapter is proven against the wire format instead.
 */
export const MODEL_BEHAVIOURS = {
  'answers well': 'well',
  'answers with an error': 'error',
  'never answers': 'silent',
  'leaves the figures out': 'vague',
  'answers without a message': 'empty',
  'answers with a blank message': 'blank',
  'cannot be reached': 'unreachable',
  'answers without any choices': 'choiceless',
  'answers with a choice but no message': 'messageless',
  'answers with something that is not JSON': 'garbled',
} as const;
export type ModelBehaviour = (typeof MODEL_BEHAVIOURS)[keyof typeof MODEL_BEHAVIOURS];

export const WORDED_PREFIX = 'Worded by the stand-in model:';
export const STAND_IN_MODEL = 'stand-in-chat-model';

/** One request the platform made to the model: its body and the key it presented. */
export interface ModelCall {
  model: string;
  messages: { role: string; content: string }[];
  authorization?: string;
}

/** Why the platform must say its wording fell back, for each way a model can fail. */
export const FALLBACK_REASONS: Record<ModelBehaviour, string | undefined> = {
  well: undefined,
  error: 'answered 500',
  silent: 'did not answer within',
  vague: 'left out',
  empty: 'without a message',
  blank: 'without a message',
  unreachable: 'could not be reached',
  choiceless: 'without a message',
  messageless: 'without a message',
  garbled: 'without a message',
};

export class StandInChatModel {
  private constructor(private readonly app: FastifyInstance, readonly baseUrl: string, readonly calls: ModelCall[]) {}

  static async start(behaviour: ModelBehaviour): Promise<StandInChatModel> {
    const calls: StandInChatModel['calls'] = [];
    const app = Fastify({ forceCloseConnections: true });
    app.post<{ Body: { model: string; messages: { role: string; content: string }[] } }>('/v1/chat/completions', async (request, reply) => {
      calls.push({ ...request.body, authorization: request.headers.authorization });
      const facts = request.body.messages.at(-1)?.content ?? '';
      if (behaviour === 'error') return reply.status(500).send({ error: { message: 'The model is overloaded.', type: 'server_error' } });
      if (behaviour === 'silent') return new Promise(() => undefined);
      if (behaviour === 'blank') return { id: 'chatcmpl-stand-in', object: 'chat.completion', model: request.body.model, choices: [{ index: 0, message: { role: 'assistant', content: ' \n\t ' }, finish_reason: 'stop' }] };
      if (behaviour === 'empty') return { id: 'chatcmpl-stand-in', object: 'chat.completion', model: request.body.model, choices: [] };
      if (behaviour === 'choiceless') return { id: 'chatcmpl-stand-in', object: 'chat.completion', model: request.body.model };
      if (behaviour === 'messageless') return { id: 'chatcmpl-stand-in', object: 'chat.completion', model: request.body.model, choices: [{ index: 0, finish_reason: 'stop' }] };
      if (behaviour === 'garbled') return reply.type('application/json').send('{"choices": [');
      // Real models often wrap their words in blank lines.
      const content = behaviour === 'vague' ? 'You could save a great deal of money.' : `\n${WORDED_PREFIX} ${facts}\n\n`;
      return { id: 'chatcmpl-stand-in', object: 'chat.completion', model: request.body.model, choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] };
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    // An operator's address with trailing slashes; one that cannot be reached is a port that was just closed.
    const model = new StandInChatModel(app, `http://127.0.0.1:${port}/v1//`, calls);
    if (behaviour === 'unreachable') await app.close();
    return model;
  }

  stop(): Promise<void> {
    return this.app.close();
  }
}
