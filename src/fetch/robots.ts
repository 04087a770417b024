import robotsParserModule from 'robots-parser';

/** The parts of robots-parser's Robot used here. */
interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}

// robots-parser is CommonJS exporting the function itself; its typings describe an ES default export.
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => Robot;

/**
 * robots.txt rules per origin, fetched once and cached for `ttlMs` (RFC 9309): a 2xx body is parsed; a 4xx
 * means no restrictions; a 5xx or an unreachable server means "disallow everything" until the entry expires
 * (kept shorter, so a flaky server is asked again soon). Concurrent checks of one origin share one fetch.
 */
export interface RobotsFetchResult {
  status: number;
  text: string;
}

export interface RobotsVerdict {
  allowed: boolean;
  /** Crawl-delay asked for our user agent (or *), in milliseconds, when the file names one. */
  crawlDelayMs: number | null;
  /** Why a URL is disallowed, for the error message. */
  reason: string | null;
}

export interface RobotsCacheOptions {
  /** Fetches a robots.txt URL; rejects on network failure. */
  fetchRobots: (url: string) => Promise<RobotsFetchResult>;
  /** Product token matched against User-agent lines (`Sada`). */
  agent: string;
  now: () => number;
  ttlMs?: number;
  errorTtlMs?: number;
}

type Rules = { kind: 'parsed'; robot: Robot } | { kind: 'allow-all' } | { kind: 'disallow-all'; why: string };

interface Entry {
  expires: number;
  rules: Promise<Rules>;
}

const DAY = 24 * 60 * 60 * 1000;

export class RobotsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly errorTtlMs: number;

  constructor(private readonly options: RobotsCacheOptions) {
    this.ttlMs = options.ttlMs ?? DAY;
    this.errorTtlMs = options.errorTtlMs ?? 10 * 60 * 1000;
  }

  async check(url: string): Promise<RobotsVerdict> {
    const rules = await this.rulesFor(new URL(url).origin);
    if (rules.kind === 'allow-all') return { allowed: true, crawlDelayMs: null, reason: null };
    if (rules.kind === 'disallow-all') return { allowed: false, crawlDelayMs: null, reason: rules.why };
    const allowed = rules.robot.isAllowed(url, this.options.agent) !== false;
    const delay = rules.robot.getCrawlDelay(this.options.agent);
    return {
      allowed,
      // Whole milliseconds, as every time is kept: 1.001 s is 1000.9999999999999 ms in floating point, which
      // PostgreSQL refused as a host slot time (no page of the host was read).
      crawlDelayMs: typeof delay === 'number' && Number.isFinite(delay) && delay > 0 ? Math.round(delay * 1000) : null,
      reason: allowed ? null : `robots.txt disallows ${new URL(url).pathname} for ${this.options.agent}`,
    };
  }

  private rulesFor(origin: string): Promise<Rules> {
    const now = this.options.now();
    const cached = this.entries.get(origin);
    if (cached && cached.expires > now) return cached.rules;
    const entry: Entry = { expires: now + this.ttlMs, rules: Promise.resolve({ kind: 'allow-all' }) };
    entry.rules = this.load(origin).then((rules) => {
      if (rules.kind === 'disallow-all') entry.expires = this.options.now() + this.errorTtlMs;
      return rules;
    });
    this.entries.set(origin, entry);
    return entry.rules;
  }

  private async load(origin: string): Promise<Rules> {
    const robotsUrl = `${origin}/robots.txt`;
    try {
      const { status, text } = await this.options.fetchRobots(robotsUrl);
      if (status >= 200 && status < 300) return { kind: 'parsed', robot: robotsParser(robotsUrl, text) };
      if (status >= 400 && status < 500) return { kind: 'allow-all' };
      return { kind: 'disallow-all', why: `robots.txt answered HTTP ${status}` };
    } catch (error) {
      const code = (error as { code?: string }).code;
      // Our own refusals (private address, too large) say nothing about the site's wishes.
      if (code === 'TOO_LARGE' || code === 'BLOCKED_ADDRESS') return { kind: 'allow-all' };
      return { kind: 'disallow-all', why: `robots.txt could not be fetched: ${(error as Error).message}` };
    }
  }
}
