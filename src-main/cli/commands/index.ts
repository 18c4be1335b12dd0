// Every `candor` sub-command, in the order `candor help` lists them.
import type { Command } from '../command';
import { analyzeCommand } from './analyze';
import { historyCommand } from './history';
import { doctorCommand } from './doctor';
import { modelsCommand } from './models';
import { recordCommand } from './record';
import { visionCommand } from './vision';

export const COMMANDS: Command[] = [analyzeCommand, recordCommand, historyCommand, visionCommand, modelsCommand, doctorCommand];
