/**
 * A rule simulation whose alerts go to the alert manager: after each group evaluation the alerts
 * it sent (as Prometheus's notifier sends them: firing ones every resend delay, resolved ones for
 * 15 minutes) are posted to the simulated alert manager at the evaluation's time.
 */
import type { NotifierAlert } from '../rules/notifier-alert.js';
import { simulationSteps, type SimulationOptions, type SimulationResult } from '../rules/simulate.js';
import type { RuleGroup } from '../rules/rule.js';
import type { MemoryStore } from '../series/memory-store.js';
import type { NotificationSimulation, NotificationSimulationResult } from './notification-simulation.js';

export interface SimulationWithNotifications {
  result: SimulationResult;
  notifications: NotificationSimulationResult;
}

/** Runs the simulation, then the alert manager on to `options.endMs`, and stops it. */
export async function simulateWithNotifications(
  groups: readonly RuleGroup[],
  store: MemoryStore,
  options: SimulationOptions,
  alertmanager: NotificationSimulation,
): Promise<SimulationWithNotifications> {
  let sent: NotifierAlert[] = [];
  const steps = simulationSteps(groups, store, {
    ...options,
    onAlerts: (alerts, origin) => {
      for (const alert of alerts) sent.push(alert);
      options.onAlerts?.(alerts, origin);
    },
  });
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return { result: step.value, notifications: await alertmanager.finish(options.endMs) };
    const alerts = sent;
    sent = [];
    await alertmanager.receive(step.value, alerts);
  }
}
