/** Klaxon's language service: the public API that language servers and other hosts use. */
export { LanguageService, createLanguageService, type LanguageServiceOptions } from './language-service.js';
export { SourceDocument } from './documents/source-document.js';
export { InvalidNameError } from './features/navigation.js';
export type { UnitTestRun } from './features/unit-test-run.js';
export type { FetchApi } from './names/prometheus-names.js';
export * from './service-types.js';
