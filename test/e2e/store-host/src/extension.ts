/**
 * On startup, runs the store's round trip (round-trip.ts) in this extension host and writes a
 * report of it, with what shows which process ran it, to the file `klaxonStoreHost.resultFile`.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { roundTrip, type RoundTrip } from './round-trip.js';

interface Report {
  pid: number;
  ppid: number;
  execPath: string;
  argv: string[];
  versions: NodeJS.ProcessVersions;
  /** Names of the VS Code variables in this process's environment. */
  vscodeEnvironment: string[];
  vscodeVersion: string;
  appHost: string;
  /** This extension's global storage, where the store goes unless a storage path is set. */
  globalStoragePath: string;
  roundTrip?: RoundTrip;
  error?: { name: string; message: string; code?: string; stack?: string };
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const settings = vscode.workspace.getConfiguration('klaxonStoreHost');
  const resultFile = settings.get<string>('resultFile');
  if (!resultFile) return;
  const report: Report = {
    pid: process.pid,
    ppid: process.ppid,
    execPath: process.execPath,
    argv: process.argv,
    versions: process.versions,
    vscodeEnvironment: Object.keys(process.env).filter((name) => name.startsWith('VSCODE_')).sort(),
    vscodeVersion: vscode.version,
    appHost: vscode.env.appHost,
    globalStoragePath: context.globalStorageUri.fsPath,
  };
  try {
    report.roundTrip = await roundTrip(settings.get<string>('storagePath') || context.globalStorageUri.fsPath);
  } catch (error) {
    report.error = describe(error);
  }
  writeWhole(resultFile, JSON.stringify(report, null, 2));
}

export function deactivate(): void {}

function describe(error: unknown): NonNullable<Report['error']> {
  if (!(error instanceof Error)) return { name: typeof error, message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, code: code === undefined ? undefined : String(code), stack: error.stack };
}

/** Writes beside the file and renames, so that whoever waits for the file never reads half of it. */
function writeWhole(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.partial`, text);
  renameSync(`${file}.partial`, file);
}
