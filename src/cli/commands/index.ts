import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { register as serve } from './serve.js';
import { register as importCommand } from './import.js';
import { register as sourcesCommand } from './sources.js';
import { register as fetchCommand } from './fetch.js';

/**
 * Every command module exports `register(program, getContext)`. Registration must stay cheap:
 * heavy modules are imported inside the action so that `sada --help` starts fast.
 */
export type RegisterCommand = (program: Command, getContext: () => CliContext) => void;

export const COMMANDS: RegisterCommand[] = [importCommand, sourcesCommand, fetchCommand, serve];
