import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { register as analyze } from './analyze.js';

/**
 * Every command module exports `register(program, getContext)`. Registration must stay cheap:
 * heavy modules are imported inside the action so that `sada --help` starts fast.
 */
export type RegisterCommand = (program: Command, getContext: () => CliContext) => void;

export const COMMANDS: RegisterCommand[] = [analyze];
