// Every `candor` sub-command, in the order `candor help` lists them.
import type { Command } from '../command';
import { analyzeCommand } from './analyze';
import { historyCommand } from './history';

export const COMMANDS: Command[] = [analyzeCommand, historyCommand];
