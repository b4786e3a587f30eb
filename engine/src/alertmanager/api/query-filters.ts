/**
 * The query parameters of the API's list endpoints, read as go-openapi reads them: booleans
 * (absent or empty is true, unknown words are false), `filter` matchers in 0.25's classic syntax
 * (a bad one is a 400 with the parser's message), and the `receiver` regex.
 */
import { RegexSyntaxError } from '../../labels/matcher.js';
import type { Matcher } from '../../labels/matcher.js';
import { ApiRequestError } from '../alerts/api-errors.js';
import { parseApiBool, ReceiverFilter, type AlertsFilter } from '../alerts/alert-query.js';
import { MatcherParseError, parseMatcher } from '../matchers/parse.js';
import type { FilterMatcher } from '../silences/gettable-silence.js';

export function filterMatchers(url: URL): Matcher[] {
  return url.searchParams.getAll('filter').map((text) => {
    try {
      return parseMatcher(text, 'classic');
    } catch (e) {
      if (e instanceof MatcherParseError || e instanceof RegexSyntaxError) throw new ApiRequestError(400, e.message);
      throw e;
    }
  });
}

export function alertsFilter(url: URL): AlertsFilter {
  const flag = (name: string) => parseApiBool(url.searchParams.get(name));
  return {
    active: flag('active'),
    silenced: flag('silenced'),
    inhibited: flag('inhibited'),
    unprocessed: flag('unprocessed'),
    matchers: filterMatchers(url),
  };
}

/** The `receiver` parameter; a present but empty one matches only the empty receiver name, as upstream. */
export function receiverFilter(url: URL): ReceiverFilter | undefined {
  const pattern = url.searchParams.get('receiver');
  return pattern === null ? undefined : ReceiverFilter.compile(pattern);
}

export function silenceFilter(url: URL): FilterMatcher[] {
  return filterMatchers(url).map(({ name, type, value }) => ({ name, type, value }));
}
