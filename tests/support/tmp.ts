// Temporary folders that tests clean up after themselves.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

export function tempDir(prefix = 'candor-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export const SHARED = process.env.CANDOR_SHARED_DIR || new URL('../../../shared', import.meta.url).pathname;
export const SHARED_MODELS = join(SHARED, 'models');
export const SHARED_DATA = join(SHARED, 'data');
