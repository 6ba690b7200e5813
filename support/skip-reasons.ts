/** Why a scenario is skipped against a target it cannot change: each names what the scenario needs. */

export const OWN_PATIENCE = "this starts a reference platform instance that gives up on a silent agent sooner; a deployment's patience is its own (AGENT_TIMEOUT_SECONDS, 300 s by default).";
export const CONFIGURED_APART = 'this starts a reference platform instance configured apart from the auth service; a remote target is configured as it is.';
export const ONLY_OWN_PROCESS = 'this starts the reference platform as its own process; it says nothing about a remote target.';
export const OWN_INSTANCE = 'this starts a reference platform instance of its own; a remote target cannot be started for a scenario.';
export const REFERENCE_INSTANCES = 'this starts reference platform instances, which a remote target does not have.';
export const REWIRED_PROCESS = 'this starts the reference platform as a process of its own, beside stand-ins for its neighbours; a remote target cannot be rewired.';
