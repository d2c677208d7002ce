import { type Range } from './ranges';

const range = (from: number, to: number, step: number) =>
  Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);

/** Valid Fargate memory sizes (MiB) for each task CPU size (CPU units; 1024 = 1 vCPU). */
export const FARGATE_MEMORY_BY_CPU: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};

export const FARGATE_CPU_SIZES: readonly number[] = Object.keys(FARGATE_MEMORY_BY_CPU).map(Number);
/** The smallest and largest task memory Fargate offers, MiB (which sizes a CPU takes: above). */
export const FARGATE_MEMORY_MIB: Range = [
  Math.min(...Object.values(FARGATE_MEMORY_BY_CPU).flat()),
  Math.max(...Object.values(FARGATE_MEMORY_BY_CPU).flat()),
];

/**
 * Why a task's cpu/memory pair is not a Fargate size, or undefined when it is.
 * The reason lists what is valid, so the message tells the user what to write instead.
 */
export function fargateSizeProblem(
  cpu: number,
  memoryMiB: number,
): { property: 'cpu' | 'memoryMiB'; allowed: string } | undefined {
  const memories = FARGATE_MEMORY_BY_CPU[cpu];
  if (!memories)
    return {
      property: 'cpu',
      allowed: `one of ${FARGATE_CPU_SIZES.join(', ')} (CPU units; 1024 = 1 vCPU)`,
    };
  if (!memories.includes(memoryMiB)) {
    return {
      property: 'memoryMiB',
      allowed: `for cpu ${cpu}, one of ${memories.join(', ')} (MiB)`,
    };
  }
  return undefined;
}
