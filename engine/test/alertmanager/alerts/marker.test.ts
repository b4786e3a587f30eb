import { describe, expect, it } from 'vitest';
import { AlertMarker } from '../../../src/alertmanager/alerts/marker.js';

describe('AlertMarker', () => {
  it('reports an alert never marked as unprocessed', () => {
    expect(new AlertMarker().status('a')).toEqual({ state: 'unprocessed', silencedBy: [], inhibitedBy: [], mutedBy: [] });
  });

  it('is suppressed while any of silences, inhibitions and time intervals hold it, active otherwise', () => {
    const marker = new AlertMarker();
    marker.setSilenced('a', [], ['pending-silence']);
    expect(marker.status('a').state).toBe('active');
    expect(marker.pendingSilences('a')).toEqual(['pending-silence']);
    marker.setSilenced('a', ['s1']);
    marker.setInhibited('a', ['f1']);
    expect(marker.status('a')).toEqual({ state: 'suppressed', silencedBy: ['s1'], inhibitedBy: ['f1'], mutedBy: [] });
    marker.setSilenced('a', []);
    expect(marker.status('a').state).toBe('suppressed');
    marker.setInhibited('a', []);
    marker.setMuted('a', ['weekend']);
    expect(marker.status('a')).toEqual({ state: 'suppressed', silencedBy: [], inhibitedBy: [], mutedBy: ['weekend'] });
    marker.setMuted('a', []);
    expect(marker.status('a').state).toBe('active');
  });

  it('counts by state and forgets deleted alerts', () => {
    const marker = new AlertMarker();
    marker.setSilenced('a', ['s']);
    marker.setInhibited('b', []);
    marker.setInhibited('c', []);
    expect([marker.count(), marker.count('active'), marker.count('suppressed'), marker.count('active', 'suppressed')]).toEqual([3, 2, 1, 3]);
    marker.delete('a');
    expect([marker.count('suppressed'), marker.status('a').state]).toEqual([0, 'unprocessed']);
  });

  it('hands out copies, so that callers cannot change the marks', () => {
    const marker = new AlertMarker();
    const ids = ['s'];
    marker.setSilenced('a', ids);
    ids.push('t');
    marker.status('a').silencedBy.push('u');
    expect(marker.status('a').silencedBy).toEqual(['s']);
  });
});
