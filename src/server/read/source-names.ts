import type { Source } from '../../core/types.js';
import type { Store } from '../../store/store.js';
import type { Clock } from '../services.js';

/**
 * Arabic display names of outlets that imports know only by slug (SaudiNewsNet and ANT use short keys).
 * A source whose stored title is more than its slug keeps its own title.
 */
const KNOWN_OUTLETS: Record<string, string> = {
  was: 'واس',
  spa: 'واس',
  '3alyoum': 'رأي اليوم',
  aawsat: 'الشرق الأوسط',
  aleqtisadiya: 'الاقتصادية',
  aljazirah: 'الجزيرة',
  almadina: 'المدينة',
  alriyadh: 'الرياض',
  alwatan: 'الوطن',
  alweeam: 'الوئام',
  alyaum: 'اليوم',
  arreyadi: 'الرياضي',
  okaz: 'عكاظ',
  sabq: 'سبق',
  alarabia: 'العربية',
  alarabiya: 'العربية',
  bbc: 'بي بي سي عربي',
  cnn: 'سي إن إن بالعربية',
  france24: 'فرانس 24',
  skynews: 'سكاي نيوز عربية',
};

/** The name shown for an outlet given its slug and stored title. */
export function outletName(slug: string, title?: string | null): string {
  if (title && title.trim() && title.trim().toLowerCase() !== slug.toLowerCase()) return title.trim();
  return KNOWN_OUTLETS[slug.toLowerCase()] ?? slug;
}

/**
 * Looks sources up by id with a short-lived cache: pages name outlets constantly, and sources change rarely
 * (the API clears the cache when it adds or removes one).
 */
export class SourceDirectory {
  private cache = new Map<number, Source | null>();
  private loadedAt = 0;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly ttlMs = 30_000,
  ) {}

  async get(id: number): Promise<Source | null> {
    const now = this.clock();
    if (now - this.loadedAt > this.ttlMs) this.clear(now);
    if (this.cache.has(id)) return this.cache.get(id) ?? null;
    // a removed outlet keeps its name on its stored articles
    const source = await this.store.findSource({ id });
    this.cache.set(id, source);
    return source;
  }

  async name(id: number, slug: string): Promise<string> {
    const source = await this.get(id);
    return outletName(source?.slug ?? slug, source?.title);
  }

  clear(now = this.clock()): void {
    this.cache = new Map();
    this.loadedAt = now;
  }
}
