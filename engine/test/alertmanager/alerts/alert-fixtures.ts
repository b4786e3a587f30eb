/** Alerts for tests: times in ms, labels as an object. */
import { fingerprint } from '../../../src/labels/fingerprint.js';
import { Labels } from '../../../src/labels/labels.js';
import type { Alert, StoredAlert } from '../../../src/alertmanager/model.js';

export const T0 = Date.UTC(2026, 10, 27, 5, 0, 0);
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

export interface AlertSpec {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: number;
  endsAt?: number;
  updatedAt?: number;
  timeout?: boolean;
  generatorURL?: string;
}

export function alert(spec: AlertSpec = {}): Alert {
  return {
    labels: Labels.from(spec.labels ?? { alertname: 'Test' }),
    annotations: spec.annotations ?? {},
    startsAt: spec.startsAt ?? T0,
    endsAt: spec.endsAt ?? 0,
    generatorURL: spec.generatorURL ?? '',
    updatedAt: spec.updatedAt ?? T0,
    timeout: spec.timeout ?? false,
  };
}

export function stored(spec: AlertSpec = {}): StoredAlert {
  const a = alert(spec);
  return { ...a, fingerprint: fingerprint(a.labels) };
}
