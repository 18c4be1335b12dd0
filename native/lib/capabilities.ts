// What the CPU offers and which SIMD path runs. setSimdLevel() is the
// runtime switch tests and the benchmark use (like sharp.simd(false)); the
// env var CANDOR_SIMD does the same once at load.
import { expectOneOf } from '../../src-main/contract/validate';
import { loadNative } from './loader';
import { SIMD_LEVELS, type NativeCapabilities, type SimdLevel } from './types';

export function capabilities(): NativeCapabilities {
  return loadNative().capabilities();
}

/** The SIMD level the kernels use now. */
export function simdLevel(): SimdLevel {
  return loadNative().simdLevel();
}

/**
 * Selects a SIMD path. A level the CPU lacks is never selected: the highest
 * available level below it is used instead (another architecture's level
 * means scalar). Returns the level now active.
 */
export function setSimdLevel(level: SimdLevel): SimdLevel {
  return loadNative().setSimdLevel(expectOneOf(level, SIMD_LEVELS, 'level'));
}
