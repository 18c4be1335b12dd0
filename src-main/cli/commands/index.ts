// Every `candor` sub-command, in the order `candor help` lists them.
import type { Command } from '../command';
import { analyzeCommand } from './analyze';
import { historyCommand } from './history';
import { recordCommand } from './record';

export const COMMANDS: Command[] = [analyzeCommand, recordCommand, historyCommand];
