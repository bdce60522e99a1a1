/** The benchmark's output: the machine, a table on the console, and the results section of docs/PERFORMANCE.md. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem, type } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HeavyResult } from './heavy.js';
import type { BenchResults, DialectResult } from './run.js';

const DOC = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'PERFORMANCE.md');
const START = '<!-- bench:results:start (written by `npm run bench`; edit outside these markers) -->';
const END = '<!-- bench:results:end -->';
const HEAVY_START = '<!-- bench:heavy:start (written by `npm run bench`; edit outside these markers) -->';
const HEAVY_END = '<!-- bench:heavy:end -->';

export const GOALS = { ratio: 0.5, sentListP99Ms: 10, bulkMs: 50 } as const;

export function machineInfo() {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.version,
  };
}

const num = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (n: number | undefined) => (n === undefined ? '–' : num(n, Number.isInteger(n) || n >= 100 ? 0 : n < 10 ? 2 : 1));
const pct = (r: number) => `${Math.round(r * 100)} %`;
const mark = (ok: boolean) => (ok ? 'met' : '**missed**');

interface Goal {
  goal: string;
  measured: string;
  ok: boolean;
}

/** Each goal of the issue, judged on one database's results. */
export function goalsOf(d: DialectResult): Goal[] {
  const goals: Goal[] = d.endpoints.map((e) => ({
    goal: `${e.endpoint}: ≥ 50 % of the baseline's throughput at 50 connections`,
    measured: `${pct(e.ratio)} (by CPU time per request: ${pct(e.cpuRatio)})`,
    ok: e.ratio >= GOALS.ratio,
  }));
  if (Number.isFinite(d.bulk.burstRatio)) {
    goals.push({
      goal: `bulk withdraw: ≥ 50 % of the baseline's throughput (${d.bulk.rapport.burst[0]?.requests ?? 0} operations at once)`,
      measured: `${pct(d.bulk.burstRatio)} (one at a time: ${pct(d.bulk.ratio)})`,
      ok: d.bulk.burstRatio >= GOALS.ratio,
    });
  }
  const list = d.endpoints.find((e) => e.endpoint === 'sent list');
  if (list) {
    goals.push({
      goal: 'sent list: p99 < 10 ms, one request at a time',
      measured: `${ms(list.rapport.sequential?.p99)} ms (baseline ${ms(list.baseline.sequential?.p99)} ms)`,
      ok: (list.rapport.sequential?.p99 ?? Infinity) < GOALS.sentListP99Ms,
    });
    if (list.rapport.steady) {
      goals.push({
        goal: `sent list: p99 < 10 ms, at a steady ${steadyRate(list)} req/s`,
        measured: `${ms(list.rapport.steady.p99)} ms (baseline ${ms(list.baseline.steady?.p99)} ms)`,
        ok: list.rapport.steady.p99 < GOALS.sentListP99Ms,
      });
    }
    goals.push({
      goal: 'sent list: p99 < 10 ms, at 50 connections (saturated)',
      measured: `${ms(list.rapport.p99)} ms (baseline ${ms(list.baseline.p99)} ms)`,
      ok: list.rapport.p99 < GOALS.sentListP99Ms,
    });
  }
  goals.push({
    goal: 'bulk withdraw of 1,000: < 50 ms (p99, one operation at a time)',
    measured: `p50 ${ms(d.bulk.rapport.p50)} ms, p99 ${ms(d.bulk.rapport.p99)} ms (baseline p50 ${ms(d.bulk.baseline.p50)} ms)`,
    ok: d.bulk.rapport.p99 < GOALS.bulkMs,
  });
  return goals;
}

/** The steady rate asked for, from the rate achieved (autocannon spreads it over whole seconds). */
function steadyRate(e: DialectResult['endpoints'][number]): number {
  const achieved = e.rapport.steady ? e.rapport.steady.requests / e.rapport.steady.seconds : 0;
  return Math.round(achieved / 10) * 10;
}

/** Non-2xx replies and connection errors over every measured round of one database. */
function failuresOf(d: DialectResult): number {
  return d.endpoints.flatMap((e) => [...e.rapport.rounds, ...e.baseline.rounds]).reduce((n, r) => n + r.non2xx + r.errors, 0);
}

function dialectTables(d: DialectResult): string[] {
  const sameSql = d.sameSql.every((c) => c.same)
    ? `both servers handed the driver identical statement lists for all ${d.sameSql.length} requests of the check.`
    : `**the statement lists differ** for ${d.sameSql
        .filter((c) => !c.same)
        .map((c) => c.request)
        .join(', ')}.`;
  const lines = [
    `### ${d.version}`,
    '',
    `Dataset: ${num(d.dataset.invitations)} invitations, ${num(d.dataset.members)} members (generated ${d.dataset.generatedAt.slice(0, 10)} in ${d.dataset.generationSeconds} s). ` +
      `Same-SQL check: ${sameSql}`,
    '',
    "Throughput at 50 connections (medians of the rounds; latencies in ms; CPU: the server process's CPU time per request, in µs):",
    '',
    '| endpoint | Rapport req/s | baseline req/s | ratio | Rapport p50 / p99 | baseline p50 / p99 | CPU/request Rapport / baseline | ratio by CPU |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...d.endpoints.map(
      (e) =>
        `| ${e.endpoint} | ${num(e.rapport.rps)} | ${num(e.baseline.rps)} | ${pct(e.ratio)} | ${ms(e.rapport.p50)} / ${ms(e.rapport.p99)} | ${ms(e.baseline.p50)} / ${ms(e.baseline.p99)} | ` +
        `${num(e.rapport.cpuUsPerRequest)} / ${num(e.baseline.cpuUsPerRequest)} | ${pct(e.cpuRatio)} |`,
    ),
    '',
    'Latency without queueing (one connection, one request at a time; ms):',
    '',
    '| endpoint | Rapport p50 / p99 | baseline p50 / p99 |',
    '| --- | ---: | ---: |',
    ...d.endpoints.map(
      (e) =>
        `| ${e.endpoint} | ${ms(e.rapport.sequential?.p50)} / ${ms(e.rapport.sequential?.p99)} | ${ms(e.baseline.sequential?.p50)} / ${ms(e.baseline.sequential?.p99)} |`,
    ),
    ...d.endpoints
      .filter((e) => e.rapport.steady && e.baseline.steady)
      .map(
        (e) =>
          `| ${e.endpoint}, steady ${steadyRate(e)} req/s from 10 connections | ${ms(e.rapport.steady!.p50)} / ${ms(e.rapport.steady!.p99)} | ${ms(e.baseline.steady!.p50)} / ${ms(e.baseline.steady!.p99)} |`,
      ),
    '',
    '| bulk withdraw of 1,000 | Rapport | baseline | ratio |',
    '| --- | ---: | ---: | ---: |',
    `| one at a time, p50 / p99 (ms) | ${ms(d.bulk.rapport.p50)} / ${ms(d.bulk.rapport.p99)} | ${ms(d.bulk.baseline.p50)} / ${ms(d.bulk.baseline.p99)} | ${pct(d.bulk.ratio)} |`,
    `| ${d.bulk.rapport.burst[0]?.requests ?? 0} at once, operations/s (median of ${d.bulk.rapport.burst.length}) | ${num(d.bulk.rapport.burstOpsPerSecond, 1)} | ${num(d.bulk.baseline.burstOpsPerSecond, 1)} | ${pct(d.bulk.burstRatio)} |`,
    '',
  ];
  const done = d.endpoints.filter((e) => e.rapport.done !== undefined);
  if (done.length > 0) {
    lines.push(
      `Work done in the measured rounds, counted in the audit trail (it includes requests still in flight when a round ended): ${done
        .map((e) => `${e.endpoint} ${num(e.rapport.done!)} (Rapport) and ${num(e.baseline.done!)} (baseline)`)
        .join('; ')}. ${failuresOf(d) === 0 ? 'No request failed.' : `**${num(failuresOf(d))} requests failed** (see the results file).`}`,
      '',
    );
  }
  lines.push('| goal | measured | |', '| --- | --- | --- |', ...goalsOf(d).map((g) => `| ${g.goal} | ${g.measured} | ${mark(g.ok)} |`), '');
  return lines;
}

/** The generated section of docs/PERFORMANCE.md. */
export function resultsSection(results: BenchResults): string {
  const m = results.machine;
  const s = results.settings;
  return [
    START,
    '',
    `## Results of ${results.date.slice(0, 10)}`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}; ${results.dialects.map((d) => d.version).join(', ')}. ` +
      `${s.rounds} rounds of ${s.seconds} s per server and endpoint at ${s.connections} connections (medians of the rounds), ` +
      `${s.bulkOps} bulk operations of ${num(s.bulkSize)} per server. Run at ${results.date.slice(11, 16)} UTC.`,
    '',
    ...results.dialects.flatMap(dialectTables),
    END,
  ].join('\n');
}

/** The heavy-member case of one database. */
function heavyTables(d: HeavyResult): string[] {
  const sameSql = d.sameSql.every((c) => c.same)
    ? `both servers handed the driver identical statement lists for all ${d.sameSql.length} requests of the check.`
    : `**the statement lists differ** for ${d.sameSql
        .filter((c) => !c.same)
        .map((c) => c.request)
        .join(', ')}.`;
  const [few, many] = [d.endpoints[0], d.endpoints[1]];
  const lines = [
    `### ${d.version}`,
    '',
    `Database: ${num(d.sizes.invitations)} invitations, ${num(d.sizes.members)} members, written in ${d.growSeconds} s after both servers had opened it empty; ` +
      `${d.analysed ? '**statistics were present**' : 'no statistics (never analysed)'}. Same-SQL check: ${sameSql}`,
    '',
    '| list | Rapport req/s | baseline req/s | ratio | Rapport p50 / p99 | baseline p50 / p99 | one at a time: Rapport p50 / p99 | baseline p50 / p99 | CPU/request Rapport / baseline (µs) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...d.endpoints.map(
      (e) =>
        `| ${e.endpoint} | ${num(e.rapport.rps)} | ${num(e.baseline.rps)} | ${pct(e.ratio)} | ${ms(e.rapport.p50)} / ${ms(e.rapport.p99)} | ${ms(e.baseline.p50)} / ${ms(e.baseline.p99)} | ` +
        `${ms(e.rapport.sequential?.p50)} / ${ms(e.rapport.sequential?.p99)} | ${ms(e.baseline.sequential?.p50)} / ${ms(e.baseline.sequential?.p99)} | ${num(e.rapport.cpuUsPerRequest)} / ${num(e.baseline.cpuUsPerRequest)} |`,
    ),
    '',
  ];
  if (few && many) {
    lines.push(
      `At ${num(d.sizes.heavyOpen)} pending against ${num(d.sizes.lightOpen)}, Rapport's sent list keeps ${pct(many.rapport.rps / few.rapport.rps)} of its throughput ` +
        `(the baseline ${pct(many.baseline.rps / few.baseline.rps)}), and one request at a time takes ${ms(many.rapport.sequential?.p50)} ms against ${ms(few.rapport.sequential?.p50)} ms at the median.`,
      '',
    );
  }
  return lines;
}

/** The generated heavy-member section of docs/PERFORMANCE.md. */
export function heavySection(results: BenchResults): string {
  const m = results.machine;
  const s = results.settings;
  return [
    HEAVY_START,
    '',
    `## A heavy member on a database never analysed: results of ${results.date.slice(0, 10)}`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}; ${results.heavy.map((d) => d.version).join(', ')}. ` +
      `${s.heavyRounds} rounds of ${s.heavySeconds} s per server and list at ${s.connections} connections (medians of the rounds), then 3 s one request at a time. ` +
      `Run at ${results.date.slice(11, 16)} UTC.`,
    '',
    ...results.heavy.flatMap(heavyTables),
    HEAVY_END,
  ].join('\n');
}

const SKELETON = `# Performance

How fast Rapport answers on a realistic amount of data, measured against the fastest code that could
do the same work on the same stack. \`npm run bench\` measures it and rewrites the results sections
below.

${START}
${END}

${HEAVY_START}
${HEAVY_END}
`;

/** Replaces what lies between `start` and `end` in `text` (appending both when missing). */
function replaceBetween(text: string, start: string, end: string, section: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  return from >= 0 && to > from ? text.slice(0, from) + section + text.slice(to + end.length) : `${text.trimEnd()}\n\n${section}\n`;
}

/** Writes the sections of the cases that ran into docs/PERFORMANCE.md, keeping everything else. */
export function updatePerformanceDoc(results: BenchResults): string {
  let text = existsSync(DOC) ? readFileSync(DOC, 'utf8') : SKELETON;
  if (results.dialects.length > 0) text = replaceBetween(text, START, END, resultsSection(results));
  if ((results.heavy ?? []).length > 0) text = replaceBetween(text, HEAVY_START, HEAVY_END, heavySection(results));
  writeFileSync(DOC, text);
  return relative(process.cwd(), DOC);
}

/** The results on the console. */
export function printTable(results: BenchResults): void {
  for (const d of results.dialects) {
    console.log(`\n${d.version} (${d.seconds} s)`);
    console.table(
      Object.fromEntries(
        d.endpoints.map((e) => [
          e.endpoint,
          {
            'Rapport req/s': Math.round(e.rapport.rps),
            'baseline req/s': Math.round(e.baseline.rps),
            ratio: pct(e.ratio),
            'CPU µs/req R / B': `${num(e.rapport.cpuUsPerRequest)} / ${num(e.baseline.cpuUsPerRequest)}`,
            'ratio by CPU': pct(e.cpuRatio),
            'Rapport p50/p99 ms': `${ms(e.rapport.p50)} / ${ms(e.rapport.p99)}`,
            'baseline p50/p99 ms': `${ms(e.baseline.p50)} / ${ms(e.baseline.p99)}`,
            '1-conn Rapport p50/p99': `${ms(e.rapport.sequential?.p50)} / ${ms(e.rapport.sequential?.p99)}`,
            '1-conn baseline p50/p99': `${ms(e.baseline.sequential?.p50)} / ${ms(e.baseline.sequential?.p99)}`,
          },
        ]),
      ),
    );
    console.log(
      `bulk withdraw of 1,000: Rapport p50 ${ms(d.bulk.rapport.p50)} ms, p99 ${ms(d.bulk.rapport.p99)} ms; baseline p50 ${ms(d.bulk.baseline.p50)} ms, p99 ${ms(d.bulk.baseline.p99)} ms; ` +
        `at once: ${num(d.bulk.rapport.burstOpsPerSecond, 1)} vs ${num(d.bulk.baseline.burstOpsPerSecond, 1)} operations/s`,
    );
    for (const g of goalsOf(d)) console.log(`  ${g.ok ? 'met   ' : 'MISSED'} ${g.goal}: ${g.measured}`);
  }
  for (const d of results.heavy ?? []) {
    console.log(`\n${d.version}, heavy member (${d.seconds} s)`);
    console.table(
      Object.fromEntries(
        d.endpoints.map((e) => [
          e.endpoint,
          {
            'Rapport req/s': Math.round(e.rapport.rps),
            'baseline req/s': Math.round(e.baseline.rps),
            ratio: pct(e.ratio),
            'Rapport p50/p99 ms': `${ms(e.rapport.p50)} / ${ms(e.rapport.p99)}`,
            '1-conn Rapport p50/p99': `${ms(e.rapport.sequential?.p50)} / ${ms(e.rapport.sequential?.p99)}`,
            '1-conn baseline p50/p99': `${ms(e.baseline.sequential?.p50)} / ${ms(e.baseline.sequential?.p99)}`,
          },
        ]),
      ),
    );
  }
}

// `node --import tsx bench/report.ts bench/results/<date>.json` writes a saved run into the document again.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2]) {
  const results = JSON.parse(readFileSync(process.argv[2], 'utf8')) as BenchResults;
  printTable(results);
  console.log(`Updated ${updatePerformanceDoc(results)}`);
}
