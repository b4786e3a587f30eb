/** The `klaxon.*` settings, as the client's configuration gives them, in the language service's terms. */
import type { LanguageSettings } from '@klaxon/engine';

interface KlaxonSection {
  prometheus?: { url?: unknown };
  files?: { ruleFiles?: unknown; alertmanagerConfigs?: unknown; unitTests?: unknown };
  lint?: { disabled?: unknown };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function languageSettings(section: unknown): LanguageSettings {
  const klaxon = (section ?? {}) as KlaxonSection;
  const url = klaxon.prometheus?.url;
  return {
    ...(typeof url === 'string' && url.trim() !== '' && { prometheusUrl: url.trim() }),
    fileKinds: {
      rules: strings(klaxon.files?.ruleFiles),
      alertmanager: strings(klaxon.files?.alertmanagerConfigs),
      unitTests: strings(klaxon.files?.unitTests),
    },
    disabledLints: strings(klaxon.lint?.disabled),
  };
}
