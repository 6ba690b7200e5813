import type { ApexWorld } from '../world';
import { FaultClient } from '../clients/fault-client';

/** The fault switch of the latest instance the scenario started, used with the target's service secret. */
export const faultSwitchOfLatestInstance = (world: ApexWorld) => new FaultClient(world.latestInstance.apiUrl, world.target.secrets.service ?? '');

/** What the service does at the fault switch, in words. */
export const FAULT_SWITCHINGS: Record<string, (faults: FaultClient) => Promise<unknown>> = {
  'switches a failing cost analyzer on': (faults) => faults.inject({ fault: 'tool_failure', target: 'cost_analyzer' }),
  'clears every fault': (faults) => faults.clearAll(),
};

/** What the fault switch should list afterwards, in words: each fault as "<fault> on <target>". */
export const FAULT_LISTINGS: Record<string, string[]> = {
  'the failing cost analyzer among its faults': ['tool_failure on cost_analyzer'],
  'no faults': [],
};
