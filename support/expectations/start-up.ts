import { http, type HttpResponse } from '../clients/http';
import type { Instance } from '../environment';
import { redact } from '../redact';
import { eventually } from '../wait';

const STARTUP_INCOMPLETE = 'STARTUP_INCOMPLETE';

const show = (answer: HttpResponse) => `${answer.call} answered ${answer.status}: ${redact(answer.text).slice(0, 200)}`;

/** What both services' health pages say about start-up; the problems, if any, for a platform that should still be starting. */
async function startingProblems(instance: { apiUrl: string; authUrl: string }): Promise<string[]> {
  const services = [instance.apiUrl, instance.authUrl];
  const [ready, health] = await Promise.all([
    Promise.all(services.map((url) => http('GET', `${url}/health/ready`))),
    Promise.all(services.map((url) => http('GET', `${url}/health`))),
  ]);
  return [
    ...ready.filter((a) => a.status !== 503 || a.body?.code !== STARTUP_INCOMPLETE).map((a) => `${show(a)} (expected 503 ${STARTUP_INCOMPLETE})`),
    ...health.filter((a) => a.status !== 503 || a.body?.status !== 'unhealthy').map((a) => `${show(a)} (expected 503, unhealthy)`),
  ];
}

/** Both services say the platform is still starting: readiness 503 STARTUP_INCOMPLETE, health 503 unhealthy. */
export async function expectStillStarting(instance: Instance): Promise<void> {
  const problems = await startingProblems(instance);
  if (problems.length) throw new Error(`Expected the platform to report that it is still starting; instead:\n- ${problems.join('\n- ')}`);
}

/** Both services' readiness checks answer 200 within the deadline; the time it took, for the report. */
export async function expectReadyWithin(instance: Instance, withinMs: number): Promise<number> {
  const started = Date.now();
  let last: HttpResponse[] = [];
  await eventually(
    'the platform to report itself ready',
    async () => {
      last = await Promise.all([instance.apiUrl, instance.authUrl].map((url) => http('GET', `${url}/health/ready`)));
      return last.every((a) => a.status === 200) ? true : undefined;
    },
    withinMs,
    () => last.map(show).join('; '),
  );
  return Date.now() - started;
}

type ProcessOutcome = { started: boolean; exitCode: number | null; output: string };

export function expectStarted(outcome: ProcessOutcome): void {
  if (!outcome.started) throw new Error(`Expected the platform to start; it exited ${outcome.exitCode} and printed: ${redact(outcome.output).slice(0, 500) || 'nothing'}`);
}

/** The platform exits non-zero saying one sentence that names the setting (npm's own warnings aside). Returns that sentence. */
export function expectRefusedToStart(outcome: ProcessOutcome, setting: string): string {
  const lines = outcome.output.split('\n').filter((line) => line.trim() && !line.startsWith('npm warn'));
  if (outcome.started || outcome.exitCode === 0 || lines.length !== 1 || !lines[0].includes(setting)) {
    throw new Error(`Expected the platform to exit non-zero with one sentence naming ${setting}; it ${outcome.started ? 'started' : `exited ${outcome.exitCode}`} and printed: ${redact(outcome.output).slice(0, 500) || 'nothing'}`);
  }
  return lines[0];
}
