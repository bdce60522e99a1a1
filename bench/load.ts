/** Load and latency measurement: autocannon for throughput, a plain keep-alive loop for latency. */
import { Agent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

export interface HttpCall {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Count of each status other than 2xx. */
  statuses?: Record<string, number>;
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  /** Stop after this many requests, if that comes first. */
  amount?: number;
  /** Requests per second over all connections; unset, each connection sends as fast as it is answered. */
  rate?: number;
  /** Seconds before a request counts as failed (30). */
  timeout?: number;
  /** Builds each request; called once per request sent. */
  next: () => HttpCall;
}

/** Runs autocannon; throughput is completed requests over the measured time. */
export async function hammer(options: LoadOptions): Promise<LoadResult> {
  let instance: autocannon.Instance | undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        ...(options.amount ? { amount: options.amount } : { duration: options.seconds }),
        ...(options.rate ? { overallRate: options.rate } : {}),
        // Finer sampling also makes an `amount` run end within 100 ms of its last response.
        sampleInt: 100,
        timeout: options.timeout ?? 30,
        requests: [{ setupRequest: (req) => ({ ...req, ...options.next() }) }],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  const timer = options.amount ? setTimeout(() => instance?.stop(), options.seconds * 1000) : undefined;
  const result = await done;
  if (timer) clearTimeout(timer);
  const requests = result.requests.total;
  return {
    requests,
    seconds: result.duration,
    rps: requests / result.duration,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    ...(result.non2xx > 0
      ? {
          statuses: Object.fromEntries(
            Object.entries(result.statusCodeStats ?? {})
              .filter(([code]) => !code.startsWith('2'))
              .map(([code, s]) => [code, s.count ?? 0]),
          ),
        }
      : {}),
  };
}

export interface TimedReply {
  status: number;
  body: string;
  ms: number;
}

/** Sends one request on a keep-alive connection and times it to the last byte of the reply. */
export function timedCall(url: string, agent: Agent, call: HttpCall): Promise<TimedReply> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = httpRequest(
      new URL(call.path, url),
      { method: call.method, headers: { ...call.headers, ...(call.body ? { 'content-length': Buffer.byteLength(call.body) } : {}) }, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(call.body);
  });
}

export interface LatencyResult {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  failures: number;
}

/** Requests one after another (no queueing) for `seconds` or `count` requests, whichever comes first. */
export async function sequential(
  url: string,
  seconds: number,
  count: number,
  next: () => HttpCall,
  check?: (reply: TimedReply) => boolean,
): Promise<LatencyResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  let failures = 0;
  const end = performance.now() + seconds * 1000;
  try {
    while (times.length < count && performance.now() < end) {
      const reply = await timedCall(url, agent, next());
      if (reply.status >= 300 || (check && !check(reply))) failures++;
      times.push(reply.ms);
    }
  } finally {
    agent.destroy();
  }
  return { count: times.length, p50: percentile(times, 50), p90: percentile(times, 90), p99: percentile(times, 99), max: Math.max(...times), failures };
}

/** The nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
