import { Discovery, PUBLISHED_ADDRESSES } from '../deployment';
import { expectPointedAt } from './deployment';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "it is …": where a started platform points. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const CONFIGURED_FOR: Record<string, PhraseStep> = {
  'pointed at the API, the chat and the sign-in service where this specification reaches them': function (this: ApexWorld) {
    const { apiUrl, wsUrl, authUrl } = this.target;
    expectPointedAt(this.recall<Discovery>('discovery'), { api: apiUrl, chat: wsUrl, auth: authUrl }, 'where this specification reaches the services');
  },
  'pointed at the addresses that instance is published at': function (this: ApexWorld) {
    const { PUBLIC_API_URL, PUBLIC_WS_URL, PUBLIC_AUTH_URL, FRONTEND_URL } = PUBLISHED_ADDRESSES;
    expectPointedAt(this.recall<Discovery>('discovery'), { api: PUBLIC_API_URL, chat: PUBLIC_WS_URL, auth: PUBLIC_AUTH_URL, frontEnd: FRONTEND_URL }, 'the instance is published at');
  },
};
