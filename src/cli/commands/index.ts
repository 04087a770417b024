import type { RegisterCommand } from '../context.js';
import { register as analyze } from './analyze.js';
import { register as importCommand } from './import.js';
import { register as sourcesCommand } from './sources.js';
import { register as fetchCommand } from './fetch.js';
import { register as extract } from './extract.js';
import { register as serve } from './serve.js';
import { register as search } from './search.js';
import { register as pairs } from './pairs.js';
import { register as related } from './related.js';
import { register as stories } from './stories.js';
import { register as articles } from './articles.js';
import { register as worker } from './worker.js';
import { register as migrate } from './migrate.js';

export type { RegisterCommand };

/** The commands of `sada`, in the order `--help` lists them. */
export const COMMANDS: RegisterCommand[] = [importCommand, sourcesCommand, fetchCommand, search, serve, worker, migrate, stories, articles, related, pairs, extract, analyze];
