import type fc from 'fast-check';

export function programArbitraries(
  fcModule: typeof fc,
  grammar: unknown,
): {
  program: fc.Arbitrary<unknown>;
  expr: fc.Arbitrary<unknown>;
  view: fc.Arbitrary<unknown>;
  mutated: fc.Arbitrary<unknown>;
};
