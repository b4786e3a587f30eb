/** A Go template file (`*.tmpl`) named by an Alertmanager config: the templates it defines and uses. */
import type { SourceDocument } from '../documents/source-document.js';
import { templateNameUses, type TemplateNameUse } from '../embedded/template-names.js';

export class TemplateFileModel {
  readonly kind = 'template';
  readonly names: TemplateNameUse[];

  constructor(readonly doc: SourceDocument) {
    this.names = templateNameUses(doc.text);
  }
}
