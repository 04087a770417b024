import type { RegisterCommand } from '../context.js';
import { register as analyze } from './analyze.js';
import { register as importCommand } from './import.js';
import { register as sourcesCommand } from './sources.js';
import { register as fetchCommand } from './fetch.js';
import { register as extract } from './extract.js';
import { register as serve } from './serve.js';
import { register as search } from './search.js';
import { register as worker } from './worker.js';

export type { RegisterCommand };

/** The commands of `sada`, in the order `--help` lists them. */
export const COMMANDS: RegisterCommand[] = [importCommand, sourcesCommand, fetchCommand, search, serve, worker, extract, analyze];
