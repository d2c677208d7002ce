import {
  FARGATE_CPU_SIZES,
  FARGATE_MEMORY_BY_CPU,
  fargateSizeProblem,
} from '../../src/aws/fargate';

// DESIGN.md: 256 → 512, 1024, 2048 · 512 → 1024–4096 step 1024 · 1024 → 2048–8192 step 1024 ·
// 2048 → 4096–16384 step 1024 · 4096 → 8192–30720 step 1024 · 8192 → 16384–61440 step 4096 ·
// 16384 → 32768–122880 step 8192.
const TABLE: Array<[cpu: number, from: number, to: number, step: number]> = [
  [512, 1024, 4096, 1024],
  [1024, 2048, 8192, 1024],
  [2048, 4096, 16384, 1024],
  [4096, 8192, 30720, 1024],
  [8192, 16384, 61440, 4096],
  [16384, 32768, 122880, 8192],
];
const expected: Record<number, number[]> = { 256: [512, 1024, 2048] };
for (const [cpu, from, to, step] of TABLE) {
  expected[cpu] = [];
  for (let m = from; m <= to; m += step) expected[cpu].push(m);
}
const validPairs = Object.entries(expected).flatMap(([cpu, memories]) =>
  memories.map((m) => [Number(cpu), m]),
);

describe('the Fargate cpu/memory table', () => {
  test('matches the documented table exactly', () => {
    expect(FARGATE_MEMORY_BY_CPU).toEqual(expected);
    expect(FARGATE_CPU_SIZES).toEqual([256, 512, 1024, 2048, 4096, 8192, 16384]);
    expect(validPairs).toHaveLength(3 + 4 + 7 + 13 + 23 + 12 + 12);
  });

  test.each(validPairs)('accepts cpu %i with memory %i', (cpu, memory) => {
    expect(fargateSizeProblem(cpu, memory)).toBeUndefined();
  });

  test.each(validPairs)('rejects the neighbours of cpu %i with memory %i', (cpu, memory) => {
    const memories = expected[cpu];
    const step = memories.length > 1 ? memories[1] - memories[0] : 512;
    for (const neighbour of [memory - 1, memory + 1, memory - step / 2, memory + step / 2]) {
      if (!memories.includes(neighbour))
        expect(fargateSizeProblem(cpu, neighbour)?.property).toBe('memoryMiB');
    }
    expect(fargateSizeProblem(cpu, memories[0] - step)).toBeDefined();
    expect(fargateSizeProblem(cpu, memories[memories.length - 1] + step)).toBeDefined();
  });

  test('lists the valid memory values for the chosen cpu', () => {
    expect(fargateSizeProblem(256, 4096)).toEqual({
      property: 'memoryMiB',
      allowed: 'for cpu 256, one of 512, 1024, 2048 (MiB)',
    });
  });

  test.each([0, 128, 300, 768, 32768])('rejects cpu %i, listing the valid sizes', (cpu) => {
    expect(fargateSizeProblem(cpu, 2048)).toEqual({
      property: 'cpu',
      allowed: 'one of 256, 512, 1024, 2048, 4096, 8192, 16384 (CPU units; 1024 = 1 vCPU)',
    });
  });
});
