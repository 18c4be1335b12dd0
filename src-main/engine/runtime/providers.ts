// The ONE place that chooses onnxruntime-node execution providers. Every
// model session (YuNet here, the VAD later) is created through
// createSession(), which tries the platform's accelerators in order and falls
// back cleanly, recording why each one was skipped:
//   linux:  cuda -> cpu        win32: cuda -> dml -> cpu
//   darwin: coreml -> cpu      other: cpu
// CANDOR_PROVIDER=<name> puts one provider first; CANDOR_PROVIDER=cpu skips probing.
// A provider that failed once is not tried again in this process.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ort from 'onnxruntime-node';
import { CandorError } from '../../contract/errors';

export type ProviderName = 'cuda' | 'dml' | 'coreml' | 'cpu';
export const PROVIDER_NAMES: readonly ProviderName[] = ['cuda', 'dml', 'coreml', 'cpu'];

export interface FallbackReason {
  provider: ProviderName;
  reason: string;
}

export interface ProviderStatus {
  name: ProviderName;
  /** Whether it is worth trying: compiled into this onnxruntime-node build and its libraries present. */
  available: boolean;
  reason?: string;
}

export interface CreateSessionOptions {
  /** Order to try (default: preferredProviders()). 'cpu' is always tried last. */
  providers?: readonly ProviderName[];
  /** Passed to onnxruntime (executionProviders is set here). */
  sessionOptions?: Omit<ort.InferenceSession.SessionOptions, 'executionProviders'>;
  env?: NodeJS.ProcessEnv;
}

export interface SessionResult {
  session: ort.InferenceSession;
  provider: ProviderName;
  /** Every provider tried or skipped before `provider`, with why. */
  fallbackReasons: FallbackReason[];
}

const failedOnce = new Map<ProviderName, string>();

/** The order providers are tried in on a platform. */
export function preferredProviders(platform: NodeJS.Platform = process.platform): ProviderName[] {
  if (platform === 'linux') return ['cuda', 'cpu'];
  if (platform === 'win32') return ['cuda', 'dml', 'cpu'];
  if (platform === 'darwin') return ['coreml', 'cpu'];
  return ['cpu'];
}

function ortBinDir(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('onnxruntime-node'));
    return join(dist, '..', 'bin', 'napi-v6', process.platform, process.arch);
  } catch {
    return undefined;
  }
}

function cudaLibrariesPresent(): boolean {
  const dir = ortBinDir();
  if (!dir) return false;
  const lib = process.platform === 'win32' ? 'onnxruntime_providers_cuda.dll' : 'libonnxruntime_providers_cuda.so';
  return existsSync(join(dir, lib));
}

/** Each provider of this platform and whether it can be tried here (no session is created). */
export function availableProviders(platform: NodeJS.Platform = process.platform): ProviderStatus[] {
  const listed = new Set(ort.listSupportedBackends().map((b) => b.name));
  return preferredProviders(platform).map((name): ProviderStatus => {
    if (name === 'cpu') return { name, available: true };
    if (platform !== process.platform) return { name, available: false, reason: `not on ${process.platform}` };
    if (!listed.has(name)) return { name, available: false, reason: `not in this onnxruntime-node build (${process.platform}/${process.arch})` };
    if (name === 'cuda' && !cudaLibrariesPresent()) {
      return {
        name,
        available: false,
        reason: 'CUDA provider libraries are not installed (onnxruntime-node installs them when CUDA 12 is found; ONNXRUNTIME_NODE_INSTALL_CUDA=skip skips them)',
      };
    }
    const failed = failedOnce.get(name);
    return failed ? { name, available: false, reason: failed } : { name, available: true };
  });
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0].trim();
}

function orderFor(opts: CreateSessionOptions): ProviderName[] {
  const env = opts.env ?? process.env;
  let order = [...(opts.providers ?? preferredProviders())];
  const forced = env.CANDOR_PROVIDER as ProviderName | undefined;
  if (forced === 'cpu') return ['cpu'];
  if (forced && PROVIDER_NAMES.includes(forced)) order = [forced, ...order.filter((p) => p !== forced)];
  return [...order.filter((p) => p !== 'cpu'), 'cpu'];
}

/**
 * Creates an onnxruntime session for `modelPath` on the best provider that
 * works here. Throws CandorError MODEL_MISSING / MODEL_CORRUPT when even the
 * CPU provider cannot load the model.
 */
export async function createSession(modelPath: string, opts: CreateSessionOptions = {}): Promise<SessionResult> {
  if (!existsSync(modelPath)) {
    throw new CandorError('MODEL_MISSING', `model file ${modelPath} does not exist`, 'Run `npm run models` to download the models.');
  }
  const status = new Map(availableProviders().map((s) => [s.name, s]));
  const fallbackReasons: FallbackReason[] = [];
  for (const provider of orderFor(opts)) {
    const s = status.get(provider) ?? { name: provider, available: false, reason: `not used on ${process.platform}` };
    if (!s.available) {
      fallbackReasons.push({ provider, reason: s.reason ?? 'unavailable' });
      continue;
    }
    try {
      const session = await ort.InferenceSession.create(modelPath, { ...opts.sessionOptions, executionProviders: [provider] });
      return { session, provider, fallbackReasons };
    } catch (err) {
      if (provider === 'cpu') {
        throw new CandorError('MODEL_CORRUPT', `onnxruntime cannot load ${modelPath}: ${firstLine(err)}`,
          'Delete the file and run `npm run models` to download it again.', { cause: err });
      }
      failedOnce.set(provider, firstLine(err));
      fallbackReasons.push({ provider, reason: firstLine(err) });
    }
  }
  throw new CandorError('INTERNAL', 'no execution provider was tried'); // unreachable: cpu is always last
}
