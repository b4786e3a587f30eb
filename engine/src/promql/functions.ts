/**
 * The one table of PromQL functions: signature and documentation. Checking, evaluation,
 * completion, hover and signature help all read it.
 */
import type { ValueType } from './ast.js';

export interface FunctionSignature {
  name: string;
  argTypes: ValueType[];
  /** 0: exactly argTypes; n > 0: the last n argTypes are optional; -1: the last type repeats. */
  variadic: number;
  returnType: ValueType;
  /** Marked experimental upstream (behind a feature flag in Prometheus). */
  experimental: boolean;
  /** One or two sentences for hover and completion. */
  doc: string;
}

// TODO(table): filled in by the function-table work.
export const FUNCTIONS: ReadonlyMap<string, FunctionSignature> = new Map();
