// cucumber-js as a process of its own, and the order it is given the features in.
import { ChildProcess, spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

// The command cucumber-js declares as its bin, beside its package.json (which it exports).
const CUCUMBER_PACKAGE = require.resolve('@cucumber/cucumber/package.json');
const CUCUMBER = join(dirname(CUCUMBER_PACKAGE), (require(CUCUMBER_PACKAGE) as { bin: Record<string, string> }).bin['cucumber-js']);

/**
 * Resolves once the run writing this message stream has started `count` scenarios, or has ended,
 * or after `deadlineMs` (whichever comes first), so that work beside the run can wait for its
 * workers to have loaded instead of slowing them down while they do.
 */
export function whenScenariosStarted(messages: string, count: number, deadlineMs: number, ended: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const started = () => (existsSync(messages) ? readFileSync(messages, 'utf8').split('"testCaseStarted"').length - 1 : 0);
    const poll = setInterval(() => {
      if (started() >= count) finish();
    }, 250);
    const deadline = setTimeout(finish, deadlineMs);
    function finish(): void {
      clearInterval(poll);
      clearTimeout(deadline);
      resolve();
    }
    void ended.then(finish);
  });
}

/**
 * A check that only reads files (the type check, the dry run, the unit tests) runs at the lowest
 * priority beside the specification: on two cores the scenarios, which wait on timers and on the
 * platform's leases, come first, and such a check loses nothing by finishing a little later.
 */
export function behindTheRun<T extends ChildProcess>(child: T): T {
  try {
    if (child.pid !== undefined) setPriority(child.pid, 19);
  } catch {
    // Where priorities cannot be set, the check runs as it would have.
  }
  return child;
}

/** Runs cucumber-js in its own process; resolves with its exit code. `behind`: a dry run, behind the specification (see behindTheRun). */
export function cucumber(args: string[], env: NodeJS.ProcessEnv, quiet = false, behind = false): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CUCUMBER, ...args], { env, stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' });
    if (behind) behindTheRun(child);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Every file below a folder, as paths from the project's root, in a stable order. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(`${dir}/${entry.name}`) : [`${dir}/${entry.name}`]))
    .sort();
}

export function featureFiles(): string[] {
  return filesUnder('features').filter((file) => file.endsWith('.feature'));
}

/**
 * Cucumber's arguments with the features listed @slow ones first, unless the caller named its own
 * features: two workers then end together instead of one finishing a long scenario alone
 * (about half a second off the default run).
 */
export function slowFirst(args: string[]): string[] {
  if (args.some((arg) => arg.endsWith('.feature') || arg.startsWith('features/'))) return args;
  const files = featureFiles();
  const slow = files.filter((file) => /@slow\b/.test(readFileSync(file, 'utf8')));
  return [...args, ...slow, ...files.filter((file) => !slow.includes(file))];
}
