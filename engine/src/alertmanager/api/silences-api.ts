/**
 * GET and POST /api/v2/silences, GET and DELETE /api/v2/silence/{silenceID} (Alertmanager 0.25's
 * handlers). Two differences: expiring an unknown silence answers 404, as Alertmanager 0.34 does,
 * where 0.25 answers 500; and a 404 says "silence not found" where upstream's has no body.
 */
import { goQuote } from '../../labels/labels.js';
import { sendJson, sendText } from '../../http/respond.js';
import type { Router } from '../../http/router.js';
import { formatGettableSilence } from '../silences/gettable-silence.js';
import { checkPostedTimes, parsePostableSilence } from '../silences/postable-silence.js';
import { SilenceNotFoundError } from '../silences/silence-errors.js';
import { readJsonBody } from './api-body.js';
import { apiHandler, type ApiContext } from './api-context.js';
import { PathFormatError } from './api-errors.js';
import { silenceFilter } from './query-filters.js';

/** go-openapi's `uuid` format: 32 hex digits, case-insensitive, the four hyphens optional. */
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export function addSilenceRoutes(router: Router, base: string, context: ApiContext): void {
  const { manager } = context;
  const now = () => manager.clock.now();
  router.add(
    'GET',
    `${base}/silences`,
    apiHandler(context, ({ url, response }) => sendJson(response, 200, manager.listSilences(silenceFilter(url)))),
  );
  router.add(
    'POST',
    `${base}/silences`,
    apiHandler(context, async ({ request, response }) => {
      const silence = parsePostableSilence(await readJsonBody(request, 'silence', context.maxBodyBytes));
      checkPostedTimes(silence, now());
      const { id } = await manager.setSilence(silence);
      sendJson(response, 200, { silenceID: id });
    }),
  );
  router.add(
    'GET',
    `${base}/silence/:silenceID`,
    apiHandler(context, ({ params, response }) => {
      const silence = manager.getSilence(silenceId(params));
      if (!silence) throw new SilenceNotFoundError(params['silenceID']!);
      sendJson(response, 200, formatGettableSilence(silence, now()));
    }),
  );
  router.add(
    'DELETE',
    `${base}/silence/:silenceID`,
    apiHandler(context, async ({ params, response }) => {
      await manager.expireSilence(silenceId(params));
      sendText(response, 200, '');
    }),
  );
}

function silenceId(params: Readonly<Record<string, string>>): string {
  const id = params['silenceID'] ?? '';
  if (!UUID.test(id)) throw new PathFormatError(`silenceID in path must be of type uuid: ${goQuote(id)}`);
  return id;
}
