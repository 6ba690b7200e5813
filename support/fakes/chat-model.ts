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
} as const;
export type ModelBehaviour = (typeof MODEL_BEHAVIOURS)[keyof typeof MODEL_BEHAVIOURS];

export const WORDED_PREFIX = 'Worded by the stand-in model:';
export const STAND_IN_MODEL = 'stand-in-chat-model';

export class StandInChatModel {
  private constructor(private readonly app: FastifyInstance, readonly baseUrl: string, readonly calls: { model: string; messages: { role: string; content: string }[] }[]) {}

  static async start(behaviour: ModelBehaviour): Promise<StandInChatModel> {
    const calls: StandInChatModel['calls'] = [];
    const app = Fastify({ forceCloseConnections: true });
    app.post<{ Body: { model: string; messages: { role: string; content: string }[] } }>('/v1/chat/completions', async (request, reply) => {
      calls.push(request.body);
      const facts = request.body.messages.at(-1)?.content ?? '';
      if (behaviour === 'error') return reply.status(500).send({ error: { message: 'The model is overloaded.', type: 'server_error' } });
      if (behaviour === 'silent') return new Promise(() => undefined);
      const content = behaviour === 'vague' ? 'You could save a great deal of money.' : `${WORDED_PREFIX} ${facts}`;
      return { id: 'chatcmpl-stand-in', object: 'chat.completion', model: request.body.model, choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] };
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    return new StandInChatModel(app, `http://127.0.0.1:${port}/v1`, calls);
  }

  stop(): Promise<void> {
    return this.app.close();
  }
}
