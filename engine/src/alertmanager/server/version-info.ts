/**
 * What GET /api/v2/status reports as the server's version. The version is Alertmanager's whose API
 * Klaxon serves, with Klaxon's own as build metadata, so that amtool's major.minor check passes.
 */
export const KLAXON_VERSION = '0.1.0';
export const ALERTMANAGER_API_VERSION = '0.25.0';

export interface VersionInfo {
  branch: string;
  buildDate: string;
  buildUser: string;
  goVersion: string;
  revision: string;
  version: string;
}

export function versionInfo(): VersionInfo {
  return {
    branch: 'klaxon',
    buildDate: '',
    buildUser: 'klaxon',
    goVersion: `node${process.versions.node}`,
    revision: KLAXON_VERSION,
    version: `${ALERTMANAGER_API_VERSION}+klaxon.${KLAXON_VERSION}`,
  };
}
