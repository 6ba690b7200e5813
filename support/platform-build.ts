import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { transformFileSync } from '@swc/core';

/**
 * The reference platform compiled to JavaScript once per run, for the scenarios that start it as a
 * process of its own: loading ts-node and TypeScript's compiler in each such process took more of
 * the machine than the platform's own start. Its migrations go along, as it reads them beside its
 * code. Returns the path of the compiled `platform/main.ts`.
 */
export function buildPlatform(into: string): string {
  rmSync(into, { recursive: true, force: true });
  const copy = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const source = join(dir, entry.name);
      const target = join(into, source);
      if (entry.isDirectory()) {
        copy(source);
        continue;
      }
      mkdirSync(dirname(target), { recursive: true });
      if (!source.endsWith('.ts')) copyFileSync(source, target);
      else writeFileSync(target.replace(/\.ts$/, '.js'), transformFileSync(source, { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }).code);
    }
  };
  copy('platform');
  return join(into, 'platform', 'main.js');
}
