import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { STYLES } from './pages/styles.js';

/** A static file served from memory under a content-hashed URL (cached for a year). */
export interface Asset {
  path: string;
  type: string;
  body: Uint8Array;
}

export interface Assets {
  stylesheet: Asset;
  byPath: Map<string, Asset>;
}

const FONT_PACKAGE = '@fontsource/noto-naskh-arabic';
const SUBSETS = ['arabic', 'latin'] as const;
const WEIGHTS = [400, 700] as const;

/**
 * Loads the self-hosted Arabic font (Noto Naskh Arabic from its npm package) and builds the stylesheet with
 * @font-face rules pointing at this server. Nothing is fetched from elsewhere.
 */
export function loadAssets(): Assets {
  const require = createRequire(import.meta.url);
  const ranges = JSON.parse(readFileSync(require.resolve(`${FONT_PACKAGE}/unicode.json`), 'utf8')) as Record<string, string>;
  const byPath = new Map<string, Asset>();
  const faces: string[] = [];
  for (const subset of SUBSETS) {
    for (const weight of WEIGHTS) {
      const name = `noto-naskh-arabic-${subset}-${weight}-normal.woff2`;
      const body = readFileSync(require.resolve(`${FONT_PACKAGE}/files/${name}`));
      const asset: Asset = { path: `/assets/fonts/${hash(body)}-${name}`, type: 'font/woff2', body };
      byPath.set(asset.path, asset);
      faces.push(
        `@font-face{font-family:'Noto Naskh Arabic';font-style:normal;font-display:swap;font-weight:${weight};` +
          `src:url(${asset.path}) format('woff2');unicode-range:${ranges[subset] ?? 'U+0000-00FF'};}`,
      );
    }
  }
  const css = new TextEncoder().encode(`${faces.join('\n')}\n${STYLES}`);
  const stylesheet: Asset = { path: `/assets/sada.${hash(css)}.css`, type: 'text/css; charset=utf-8', body: css };
  byPath.set(stylesheet.path, stylesheet);
  return { stylesheet, byPath };
}

function hash(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 12);
}
