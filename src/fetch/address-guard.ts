import { isIP } from 'node:net';
import type { LookupAddress, LookupOneOptions, LookupAllOptions } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns';
import { AppError } from '../core/errors.js';

/**
 * The SSRF guard. Feed and page URLs come from users and from hostile documents (redirects, sitemap entries),
 * so a request must never reach loopback, private, link-local, CGNAT, metadata, multicast or reserved
 * addresses unless private fetching is explicitly allowed. The check runs on the address the socket actually
 * connects to (inside the connection's DNS lookup, so DNS rebinding cannot switch it afterwards), and on IP
 * literals in URLs before any connection, on every redirect hop.
 */

type Range = [prefix: bigint, bits: number];

const V4_BLOCKED: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // RFC 1918
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata 169.254.169.254
  ['172.16.0.0', 12], // RFC 1918
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // TEST-NET-1
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // RFC 1918
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // TEST-NET-2
  ['203.0.113.0', 24], // TEST-NET-3
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

const V6_BLOCKED: Array<[string, number]> = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID, ...)
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local, includes AWS metadata fd00:ec2::254
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
  ['64:ff9b:1::', 48], // local-use NAT64
];

/** IPv6 prefixes that embed an IPv4 address in their last 32 bits: the embedded address decides. */
const V6_EMBEDDING_V4: Array<[string, number]> = [
  ['::ffff:0:0', 96], // IPv4-mapped
  ['::', 96], // IPv4-compatible (deprecated)
  ['64:ff9b::', 96], // NAT64
  ['::ffff:0:0:0', 96], // IPv4-translated
];

const V4_RANGES: Range[] = V4_BLOCKED.map(([a, bits]) => [v4ToBigInt(a)!, bits]);
const V6_RANGES: Range[] = V6_BLOCKED.map(([a, bits]) => [v6ToBigInt(a)!, bits]);
const V6_EMBEDDED: Range[] = V6_EMBEDDING_V4.map(([a, bits]) => [v6ToBigInt(a)!, bits]);

/** True when `address` (an IPv4 or IPv6 literal, brackets allowed) must not be fetched from. */
export function isBlockedAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(ip);
  if (family === 4) return inRanges(v4ToBigInt(ip)!, V4_RANGES, 32);
  if (family !== 6) return true; // not an address at all: refuse rather than guess
  const value = v6ToBigInt(ip);
  if (value === null) return true;
  if (inRanges(value, V6_RANGES, 128)) return true;
  // 6to4 (2002::/16) carries an IPv4 address in bits 16..48.
  if (value >> 112n === 0x2002n) return inRanges((value >> 80n) & 0xffffffffn, V4_RANGES, 32);
  if (value !== 0n && value !== 1n && inRanges(value, V6_EMBEDDED, 128)) return inRanges(value & 0xffffffffn, V4_RANGES, 32);
  return false;
}

function inRanges(value: bigint, ranges: Range[], width: number): boolean {
  return ranges.some(([prefix, bits]) => value >> BigInt(width - bits) === prefix >> BigInt(width - bits));
}

function v4ToBigInt(ip: string): bigint | null {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n);
}

function v6ToBigInt(ip: string): bigint | null {
  let text = ip.toLowerCase();
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4Tail) {
    const v4 = v4ToBigInt(v4Tail[1]!);
    if (v4 === null) return null;
    text = `${text.slice(0, v4Tail.index)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-f]{1,4}$/.test(group)) return null;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  return value;
}

export interface GuardOptions {
  allowPrivate: boolean;
  /** Addresses exempt from the guard even when private fetching is off (an intranet feed host, tests). */
  allowAddresses?: readonly string[];
}

function blockedError(host: string, address: string): AppError {
  return new AppError('BLOCKED_ADDRESS', `refusing to fetch ${host}: it resolves to ${address}, a private or reserved address (use --allow-private to allow)`, {
    details: { host, address },
  });
}

function permitted(address: string, options: GuardOptions): boolean {
  return options.allowPrivate || (options.allowAddresses ?? []).includes(address) || !isBlockedAddress(address);
}

/**
 * Checks a URL before connecting: scheme, `localhost` names and IP literals (which never go through DNS).
 * Host names are checked again at connection time by `guardedLookup`.
 */
export function assertUrlAllowed(url: URL, options: GuardOptions): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('FETCH_FAILED', `unsupported URL scheme ${url.protocol} in ${url.href}`);
  }
  if (options.allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    if (!permitted(host, options)) throw blockedError(url.hostname, host);
    return;
  }
  const name = host.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) throw blockedError(url.hostname, 'loopback');
}

export type LookupFunction = (
  hostname: string,
  options: LookupOneOptions | LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
) => void;

/** A marker on errors raised inside the lookup, so that the fetcher can report BLOCKED_ADDRESS. */
export const BLOCKED_MARK = Symbol('sada.blockedAddress');

/**
 * A `lookup` for `net.connect` that resolves with `resolve` (the system resolver by default) and refuses the
 * connection when any resolved address is blocked. The socket connects to exactly the addresses checked.
 */
export function guardedLookup(options: GuardOptions, resolve: LookupFunction = dnsLookup as unknown as LookupFunction): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    resolve(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = (Array.isArray(addresses) ? addresses : [{ address: addresses, family: isIP(addresses) }]) as LookupAddress[];
      const bad = list.find((entry) => !permitted(entry.address, options));
      if (bad || list.length === 0) {
        const blocked = bad ? blockedError(hostname, bad.address) : new AppError('FETCH_FAILED', `no address for ${hostname}`);
        Object.assign(blocked, { [BLOCKED_MARK]: Boolean(bad) });
        return callback(blocked as unknown as NodeJS.ErrnoException, []);
      }
      if ((lookupOptions as LookupAllOptions).all) return callback(null, list);
      const first = list[0]!;
      callback(null, first.address, first.family);
    });
  };
}
