/** Finds the real Prometheus tools that interop tests compare against. */
import { execFileSync } from 'node:child_process';

/** The absolute path of `name` on PATH; throws with an install hint when it is missing. */
export function requireTool(name: 'promtool' | 'amtool' | 'prometheus' | 'prometheus-alertmanager'): string {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`${name} is not installed: the interop suite needs Debian's prometheus and prometheus-alertmanager packages (.ci/run installs them)`);
  }
}
