// Types of check.mjs, for the TypeScript tests that reuse its rule file generator.

/** A rule file of `ruleCount` alerting rules in groups of 100, deterministic for a seed. */
export function generateRuleFile(ruleCount?: number, seed?: number): string;
