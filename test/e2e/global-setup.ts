/**
 * Before any test runs: when Debian's Chromium is there, makes sure the web app in dist/web is
 * built from the current web/ sources (once, so the browser suites never race to build it);
 * without Chromium, says once that the browser tests are skipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM } from './browser.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when dist/web is missing or older than a file under web/. */
export function webBuildIsStale(): boolean {
  const index = join(ROOT, 'dist/web/index.html');
  if (!existsSync(index)) return true;
  return newestMtime(join(ROOT, 'web')) > statSync(index).mtimeMs;
}

export default function setup() {
  if (!existsSync(CHROMIUM)) {
    console.log("NOTICE: browser tests skipped: install Debian's chromium to run the browser tests (apt-get install chromium).");
    return;
  }
  if (!webBuildIsStale()) return;
  console.log('Building the web app for the browser tests…');
  // Built aside and swapped in, so a server that is running meanwhile never finds dist/web half made.
  const target = join(ROOT, 'dist/web');
  const fresh = join(ROOT, `dist/web.build-${process.pid}`);
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--outDir', fresh, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) {
    rmSync(fresh, { recursive: true, force: true });
    throw new Error(`the web app did not build (vite exited with ${result.status ?? result.signal})`);
  }
  const old = `${fresh}.old`;
  if (existsSync(target)) renameSync(target, old);
  renameSync(fresh, target);
  rmSync(old, { recursive: true, force: true });
}
