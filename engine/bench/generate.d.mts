// Types of generate.mjs, for the TypeScript tests that reuse its generators.

/** A deterministic PRNG: each call returns the next number in [0, 1). */
export function seededRandom(seed: number): () => number;

/** `count` alert expressions shaped like those in real rule files. */
export function generateAlertExpressions(count: number, seed?: number): string[];
