import { AppError } from '../core/errors.js';

/**
 * Canonical form of an article URL, used as the identity key of a stored article: two URLs that name the
 * same page (tracking parameters, AMP or mobile variants, trailing slash, fragment, encoding of Arabic
 * paths, default port, host case) map to the same string.
 *
 * The result is an IRI: percent-encoded UTF-8 in the path and query is decoded so Arabic stays readable
 * (SaudiNewsNet stores raw Arabic, browsers and feeds send it encoded); reserved characters stay encoded.
 */
export function canonicalUrl(input: string): string {
  const url = parseHttpUrl(input);
  unwrapAmpCache(url);
  url.hash = '';
  url.username = '';
  url.password = '';
  url.hostname = canonicalHost(url.hostname);
  const query = canonicalQuery(url.searchParams);
  const path = canonicalPath(url.pathname);
  return `${url.protocol}//${url.host}${path}${query}`;
}

/** Parses an absolute http(s) URL; anything else is bad input. */
function parseHttpUrl(input: string): URL {
  const trimmed = input.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new AppError('BAD_INPUT', `not an absolute URL: ${trimmed.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('BAD_INPUT', `not an http(s) URL: ${trimmed.slice(0, 200)}`);
  }
  return url;
}

/** Google's AMP cache serves `https://host-x.cdn.ampproject.org/c/s/example.com/path` for example.com/path. */
function unwrapAmpCache(url: URL): void {
  if (!url.hostname.endsWith('.cdn.ampproject.org')) return;
  const match = /^\/[a-z]+(?:\/(s))?\/([^/]+)(\/.*)?$/.exec(url.pathname);
  if (!match?.[2]) return;
  const inner = parseHttpUrl(`${match[1] ? 'https' : 'http'}://${match[2]}${match[3] ?? '/'}${url.search}`);
  url.href = inner.href;
}

/** Mobile, AMP and www prefixes name the same site; the prefix is dropped when a registrable name remains. */
const HOST_PREFIXES = ['www.', 'amp.', 'm.', 'mobile.', 'mob.'];

function canonicalHost(hostname: string): string {
  let host = hostname.toLowerCase().replace(/\.$/, '');
  for (let changed = true; changed; ) {
    changed = false;
    for (const prefix of HOST_PREFIXES) {
      const rest = host.slice(prefix.length);
      if (host.startsWith(prefix) && rest.includes('.')) {
        host = rest;
        changed = true;
      }
    }
  }
  return host;
}

/** Parameters that only say how a reader arrived (campaigns, click ids, share widgets) or ask for AMP. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'igshid', 'mc_cid', 'mc_eid',
  '_ga', '_gl', '_hsenc', '_hsmi', 'mkt_tok', 'spm', 'ocid', 'cmpid', 'ncid', 'soc_src', 'soc_trk', 'ito',
  's_cid', 'wt.mc_id', 'wt_mc', 'at_medium', 'at_campaign', 'ref_src', 'ref_url', 'sharetype', 'from',
  'amp', 'amp_js_v', 'amp_gsa', 'usqp', 'ns_mchannel', 'ns_source', 'ns_campaign', 'ns_linkname', 'ns_fee',
  'cid_source', 'xtor',
]);

function isTrackingParam(name: string, value: string): boolean {
  const key = name.toLowerCase();
  if (key === 'outputtype' || key === 'output') return value.toLowerCase() === 'amp';
  return key.startsWith('utm_') || key.startsWith('pk_') || TRACKING_PARAMS.has(key);
}

function canonicalQuery(params: URLSearchParams): string {
  const kept: [string, string][] = [];
  for (const [name, value] of params) {
    if (name !== '' && !isTrackingParam(name, value)) kept.push([name, value]);
  }
  if (kept.length === 0) return '';
  // Parameter order carries no meaning for the pages we read; a stable order makes equal queries equal.
  kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return `?${kept.map(([k, v]) => (v === '' ? encodeComponent(k) : `${encodeComponent(k)}=${encodeComponent(v)}`)).join('&')}`;
}

const INDEX_FILE = /\/(?:index|default)\.(?:html?|php|aspx?)$/i;
const AMP_SUFFIX = /(?:\/amp|\.amp|\/amp\.html?)$/i;

function canonicalPath(pathname: string): string {
  let path = decodePath(pathname).replace(/\/{2,}/g, '/');
  if (path.toLowerCase().startsWith('/amp/')) path = path.slice(4);
  for (let changed = true; changed; ) {
    const before = path;
    path = path.replace(AMP_SUFFIX, '').replace(INDEX_FILE, '/');
    if (path.length > 1 && path.endsWith('/')) path = path.replace(/\/+$/, '');
    changed = path !== before;
  }
  return path === '' ? '/' : path;
}

/** Characters that must stay percent-encoded in a path segment to keep its meaning. */
const PATH_KEEP_ENCODED = /[%/?#\s\\]/u;

/** Decodes percent-encoded UTF-8 per segment, leaving reserved and invalid sequences encoded. */
function decodePath(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => decodeSegment(segment, PATH_KEEP_ENCODED))
    .join('/');
}

function decodeSegment(segment: string, keepEncoded: RegExp): string {
  // Runs of %XX are decoded together so multi-byte UTF-8 sequences decode as one character.
  const decoded = segment.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    let text: string;
    try {
      text = decodeURIComponent(run);
    } catch {
      return run.toUpperCase();
    }
    let out = '';
    for (const ch of text) out += keepEncoded.test(ch) || isControl(ch) ? encodeURIComponent(ch) : ch;
    return out;
  });
  return decoded.normalize('NFC');
}

function isControl(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
}

/** Encodes a query component minimally: what would change the query's structure, plus spaces and controls. */
function encodeComponent(value: string): string {
  let out = '';
  for (const ch of value.normalize('NFC')) {
    out += /[&=+#%\s]/u.test(ch) || isControl(ch) ? encodeURIComponent(ch) : ch;
  }
  return out;
}
