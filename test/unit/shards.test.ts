import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gatheredShards } from '../../scripts/lib/shards';

/** A shard's message stream that ran the scenarios at these lines of one feature. */
function shard(folder: string, lines: number[]): void {
  mkdirSync(`reports/shards/${folder}`, { recursive: true });
  const envelopes = lines.flatMap((line) => [
    { pickle: { id: `p${line}`, uri: 'features/a.feature', location: { line } } },
    { testCase: { id: `c${line}`, pickleId: `p${line}` } },
    { testCaseStarted: { id: `s${line}`, testCaseId: `c${line}` } },
  ]);
  writeFileSync(`reports/shards/${folder}/messages.ndjson`, envelopes.map((e) => JSON.stringify(e)).join('\n'));
}

const home = process.cwd();
beforeEach(() => process.chdir(mkdtempSync(join(tmpdir(), 'apex-shards-test-'))));
afterEach(() => {
  const here = process.cwd();
  process.chdir(home);
  rmSync(here, { recursive: true, force: true });
});

test('every shard of one run, each once, is a whole run', () => {
  shard('1-of-2', [3]);
  shard('2-of-2', [4]);
  assert.deepEqual(gatheredShards()!.map((s) => s.index), [1, 2]);
});

test('a missing shard is named', () => {
  shard('1-of-3', [3]);
  shard('3-of-3', [5]);
  assert.throws(() => gatheredShards(), /Shard 2 of 3 is missing: reports\/shards\/2-of-3 was not gathered/);
});

test('a shard gathered twice shows as the same scenario run twice', () => {
  shard('1-of-2', [3]);
  shard('2-of-2', [3]);
  assert.throws(() => gatheredShards(), /Shard 2 of 2 duplicates shard 1 of 2: both ran features\/a.feature:3/);
});

test('shards of differently split runs are refused', () => {
  shard('1-of-2', [3]);
  shard('1-of-3', [4]);
  assert.throws(() => gatheredShards(), /runs split differently \(1-of-2, 1-of-3\)/);
});

test('nothing gathered is no sharded run at all', () => {
  assert.equal(gatheredShards(), undefined);
});
