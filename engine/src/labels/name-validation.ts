/**
 * Which metric and label names are valid. Prometheus 3 accepts any non-empty UTF-8 name (its
 * `utf8` scheme); Prometheus 2 accepted only `[a-zA-Z_:][a-zA-Z0-9_:]*` for metric names and
 * `[a-zA-Z_][a-zA-Z0-9_]*` for label names (the `legacy` scheme).
 */
export type NameValidation = 'utf8' | 'legacy';

const LEGACY_METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LEGACY_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function isValidMetricName(name: string, scheme: NameValidation): boolean {
  return scheme === 'legacy' ? LEGACY_METRIC_NAME.test(name) : name !== '' && isWellFormed(name);
}

export function isValidLabelName(name: string, scheme: NameValidation): boolean {
  return scheme === 'legacy' ? LEGACY_LABEL_NAME.test(name) : name !== '' && isWellFormed(name);
}

/** Label values may be any valid UTF-8, including the empty string. */
export function isValidLabelValue(value: string): boolean {
  return isWellFormed(value);
}

/** True unless the string holds a lone surrogate, which has no UTF-8 encoding. */
function isWellFormed(s: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}
