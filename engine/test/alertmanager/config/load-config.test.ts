import { describe, expect, it } from 'vitest';
import { loadAlertmanagerConfig } from '../../../src/alertmanager/config/load-config.js';
import { formatMatchers } from '../../../src/alertmanager/matchers/format-matchers.js';
import { normalizeSeverity } from '../../../src/severity/severity.js';

const BASE = 'route:\n  receiver: r\nreceivers:\n- name: r\n';

/** Each problem as `severity: message @ the text it points at`. */
function problems(text: string, severities: readonly string[] = ['error', 'warning']): string[] {
  return loadAlertmanagerConfig(text, 'am.yml')
    .problems.filter((p) => severities.includes(p.severity))
    .map((p) => `${p.severity}: ${p.message} @ ${text.slice(p.range.start, p.range.end)}`);
}

function errors(text: string): string[] {
  return problems(text, ['error']);
}

function load(text: string) {
  const { config, problems: found } = loadAlertmanagerConfig(text, 'am.yml');
  expect(found.filter((p) => p.severity === 'error')).toEqual([]);
  return config!;
}

describe('top level', () => {
  it.each([
    ['', 'no route provided in config @ '],
    ['# only a comment\n', 'no route provided in config @ #'],
    ['receivers: []\n', 'no route provided in config @ receivers'],
    ['route: ~\nreceivers: []\n', 'no route provided in config @ route'],
    ['foo\n', 'the configuration must be a mapping, not "foo" @ foo'],
    [`${BASE}recievers: []\n`, 'unknown field "recievers" in the configuration; did you mean "receivers"? @ recievers'],
    [`${BASE}tracing: {}\n`, 'unknown field "tracing" in the configuration: it came after Alertmanager 0.25, which rejects it @ tracing'],
    [`${BASE}route: {receiver: r}\n`, 'key "route" is already defined at line 1 @ route'],
  ])('%j', (text, expected) => {
    expect(errors(text)).toEqual([`error: ${expected}`]);
  });

  it('reports YAML syntax errors and returns no config', () => {
    const { config, problems: found } = loadAlertmanagerConfig('route: [\n', 'am.yml');
    expect(config).toBeUndefined();
    expect(found.some((p) => p.severity === 'error' && p.source === 'yaml')).toBe(true);
  });
});

describe('routes', () => {
  it.each([
    ['route: {continue: true, receiver: r}\nreceivers: [{name: r}]\n', 'cannot have continue in root route @ continue'],
    ['route: {group_by: [a]}\nreceivers: [{name: r}]\n', 'root route must specify a default receiver @ route'],
    ['route: {receiver: r, matchers: [a=b]}\nreceivers: [{name: r}]\n', 'root route must not have any matchers @ matchers'],
    ['route: {receiver: r, match: {a: b}}\nreceivers: [{name: r}]\n', 'root route must not have any matchers @ match'],
    ['route: {receiver: r, mute_time_intervals: [t]}\nreceivers: [{name: r}]\ntime_intervals: [{name: t}]\n', 'root route must not have any mute time intervals @ mute_time_intervals'],
    ['route: {receiver: r, active_time_intervals: [t]}\nreceivers: [{name: r}]\ntime_intervals: [{name: t}]\n', 'root route must not have any active time intervals @ active_time_intervals'],
    ['route: {receiver: nobody}\nreceivers: [{name: r}]\n', 'undefined receiver "nobody" used in route @ nobody'],
    [`${BASE.replace('r\nreceivers', 'r\n  routes: [{mute_time_intervals: [later]}]\nreceivers')}`, 'undefined time interval "later" used in route @ later'],
    ['route: {receiver: r, group_by: [a, b, a]}\nreceivers: [{name: r}]\n', 'duplicated label "a" in group_by @ a'],
    ['route: {receiver: r, group_by: [a-b]}\nreceivers: [{name: r}]\n', 'invalid label name "a-b" in group_by list @ a-b'],
    ['route: {receiver: r, group_by: [..., a]}\nreceivers: [{name: r}]\n', 'cannot have wildcard group_by (`...`) and other other labels at the same time @ ...'],
    ['route: {receiver: r, group_interval: 0s}\nreceivers: [{name: r}]\n', 'group_interval cannot be zero @ 0s'],
    ['route: {receiver: r, repeat_interval: 0}\nreceivers: [{name: r}]\n', 'repeat_interval cannot be zero @ 0'],
    ['route: {receiver: r, group_wait: 5}\nreceivers: [{name: r}]\n', 'invalid duration in `group_wait`: not a valid duration string: "5" @ 5'],
    ['route: {receiver: r, routes: [{continue: "true"}]}\nreceivers: [{name: r}]\n', '`continue` must be true or false, not "true" @ "true"'],
    ['route: {receiver: r, routes: [{match: {a-b: c}}]}\nreceivers: [{name: r}]\n', 'invalid label name "a-b" @ a-b'],
    ['route: {receiver: r, routes: [{match_re: {a: ~}}]}\nreceivers: [{name: r}]\n', 'invalid regexp value for "a" @ ~'],
    ['route: {receiver: r, routes: [{match_re: {a: "x("}}]}\nreceivers: [{name: r}]\n', 'error parsing regexp: missing closing ): `^(?:x()$` @ "x("'],
    ['route: {receiver: r, routes: [{labels: {a: b}}]}\nreceivers: [{name: r}]\n', 'unknown field "labels" in a route: route labels came after Alertmanager 0.25, which rejects them @ labels'],
    ['route: {receiver: r, routes: [~]}\nreceivers: [{name: r}]\n', 'an empty route crashes Alertmanager 0.25 @ ~'],
  ])('%j', (text, expected) => {
    expect(errors(text)).toEqual([`error: ${expected}`]);
  });

  it('points into matcher strings, in every scalar style', () => {
    expect(errors('route: {receiver: r, routes: [{matchers: [\'a=b, c="d\']}]}\nreceivers: [{name: r}]\n')).toEqual([
      'error: matcher value contains unescaped double quote: "d @ "d',
    ]);
    expect(errors('route:\n  receiver: r\n  routes:\n  - matchers:\n    - "a=b, c=\\"d"\nreceivers: [{name: r}]\n')).toEqual([
      'error: matcher value contains unescaped double quote: "d @ \\"d',
    ]);
    expect(errors('route: {receiver: r, routes: [{matchers: [foo-bar=x]}]}\nreceivers: [{name: r}]\n')).toEqual(['error: bad matcher format: foo-bar=x @ foo-bar=x']);
  });

  it('notes classic-only matchers that later Alertmanagers parse as a fallback', () => {
    const text = 'route: {receiver: r, routes: [{matchers: ["team=a b"]}]}\nreceivers: [{name: r}]\n';
    expect(problems(text, ['info'])).toEqual([
      'info: Alertmanager 0.27 and later read this with their classic parser only as a fallback (7:8: unexpected b: expected a comma or close brace); write it as "team=\\"a b\\"" @ b',
    ]);
  });

  it('reads the tree as written: receivers, group_by, timers, matchers in order', () => {
    const config = load(`route:
  receiver: r
  group_by: [alertname, cluster]
  group_wait: 10s
  routes:
  - match: {team: a}
    match_re: {service: 'api|web'}
    matchers: ['env=~"prod|stage"', 'severity!=info']
    receiver: r
    continue: yes
    group_by: ['...']
    repeat_interval: 1h
    mute_time_intervals: [nights]
  - group_by: []
receivers: [{name: r}]
time_intervals: [{name: nights}]
`);
    const root = config.route;
    expect(root.receiver?.value).toBe('r');
    expect(root.groupBy).toEqual(['alertname', 'cluster']);
    expect(root.groupWait).toBe(10_000);
    const [child, second] = root.routes;
    expect(formatMatchers(child!.matchers)).toBe('{team="a",service=~"^(?:api|web)$",env=~"prod|stage",severity!="info"}');
    expect(child!.continue).toBe(true);
    expect(child!.groupByAll).toBe(true);
    expect(child!.groupBy).toBeUndefined();
    expect(child!.repeatInterval).toBe(3_600_000);
    expect(child!.muteTimeIntervals.map((n) => n.value)).toEqual(['nights']);
    // As in Alertmanager 0.25, an empty group_by sets nothing: the parent's grouping is inherited.
    expect(second!.groupBy).toBeUndefined();
    expect(second!.groupByAll).toBe(false);
  });
});

describe('receivers and integrations', () => {
  const receiver = (yaml: string, global = '') => `${global}route: {receiver: r}\nreceivers:\n- name: r\n${yaml}`;

  it.each([
    [receiver('- name: r\n'), 'notification config name "r" is not unique @ r'],
    ['route: {receiver: r}\nreceivers:\n- name: r\n- webhook_configs: []\n', 'missing name in receiver @ webhook_configs'],
    [receiver('  webhook_configs: [{send_resolved: true}]\n'), 'missing URL in webhook config @ send_resolved'],
    [receiver('  webhook_configs: [{url: "ftp://x"}]\n'), 'invalid URL "ftp://x" in `url`: unsupported scheme "ftp" for URL @ "ftp://x"'],
    [receiver('  webhook_configs: [{url: "http://u:hunter2@:x/"}]\n'), 'invalid URL "http://u:xxxxx@:x/" in `url`: invalid port ":x" after host @ "http://u:hunter2@:x/"'],
    [receiver('  webhook_configs: [{url: "http://a/", max_alerts: -1}]\n'), '`max_alerts` must not be negative @ -1'],
    [receiver('  webhook_configs: [{url: "http://a/", timeout: 5s}]\n'), 'unknown field "timeout" in a webhook config: it came after Alertmanager 0.25, which rejects it @ timeout'],
    [receiver('  webhook_configs: [{url: "http://a/", uri: x}]\n'), 'unknown field "uri" in a webhook config; did you mean "url"? @ uri'],
    [receiver('  webhook_configs: [~]\n'), 'an empty webhook config crashes Alertmanager 0.25 @ ~'],
    [receiver('  slack_configs: [{channel: x}]\n'), 'no global Slack API URL set either inline or in a file @ channel'],
    [receiver('  slack_configs: [{api_url: "https://h/", api_url_file: /f}]\n'), 'at most one of api_url & api_url_file must be configured @ api_url_file'],
    [receiver('  slack_configs: [{api_url: "hooks"}]\n'), 'invalid URL in `api_url`: unsupported scheme "" for URL @ "hooks"'],
    [receiver('  email_configs: [{to: a@b}]\n'), 'no global SMTP smarthost set @ to'],
    [receiver('  email_configs: [{to: a@b, smarthost: "h:25"}]\n'), 'no global SMTP from set @ to'],
    [receiver('  email_configs: [{to: a@b, smarthost: h}]\n', 'global: {smtp_from: x}\n'), 'address h: missing port in address @ h'],
    [receiver('  email_configs: [{from: x}]\n'), 'missing to address in email config @ from'],
    [receiver('  pagerduty_configs: [{routing_key: k, routing_key_file: /f}]\n'), 'at most one of routing_key & routing_key_file must be configured @ routing_key_file'],
    [receiver('  pagerduty_configs: [{severity: x}]\n'), 'missing service or routing key in PagerDuty config @ severity'],
    [receiver('  opsgenie_configs: [{api_key: k, responders: [{id: x, type: group}]}]\n'), 'opsGenieConfig responder {x   group} type does not match valid options ^(team|teams|user|escalation|schedule)$ @ responders'],
    [receiver('  opsgenie_configs: [{api_key: k, responders: [{type: team}]}]\n'), 'opsGenieConfig responder {   team} has to have at least one of id, username or name specified @ responders'],
    [receiver('  victorops_configs: [{api_key: k, routing_key: r, custom_fields: {entity_state: x}}]\n'), 'victorOps config contains custom field entity_state which cannot be used as it conflicts with the fixed/static fields @ custom_fields'],
    [receiver('  telegram_configs: [{bot_token: t, chat_id: "12"}]\n'), '`chat_id` must be an integer, not "12" @ "12"'],
    [receiver('  telegram_configs: [{bot_token: t, chat_id: 1, parse_mode: text}]\n'), 'unknown parse_mode on telegram_config, must be Markdown, MarkdownV2, HTML or empty string @ parse_mode'],
    [receiver('  webex_configs: [{room_id: x}]\n'), 'missing webex_configs.http_config.authorization @ room_id'],
    [receiver('  discord_configs: [{title: x}]\n'), 'no discord webhook URL provided @ title'],
    [receiver('  sns_configs: [{subject: x}]\n'), 'must provide either a Target ARN, Topic ARN, or Phone Number for SNS config @ subject'],
    [receiver('  pushover_configs: [{user_key: u, token: t, retry: 30}]\n'), 'invalid duration in `retry`: time: missing unit in duration "30" @ 30'],
    [receiver('  wechat_configs: [{api_secret: s, corp_id: c, message_type: html}]\n'), 'weChat message type "html" does not match valid options ^(text|markdown)$ @ message_type'],
  ])('%j', (text, expected) => {
    expect(errors(text)).toEqual([`error: ${expected}`]);
  });

  it.each([
    ['basic_auth: {username: u, password: p}, bearer_token: t', 'at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured @ bearer_token'],
    ['basic_auth: {username: u, password: p, password_file: /f}', 'at most one of basic_auth password & password_file must be configured @ basic_auth'],
    ['authorization: {type: basic, credentials: c}', 'authorization type cannot be set to "basic", use "basic_auth" instead @ authorization'],
    ['authorization: {credentials: c}, oauth2: {client_id: i, client_secret: s, token_url: t}', 'at most one of basic_auth, oauth2 & authorization must be configured @ authorization'],
    ['oauth2: {client_id: i, token_url: t}', 'either oauth2 client_secret or client_secret_file must be configured @ oauth2'],
    ['proxy_connect_header: {X: [y]}', 'if proxy_connect_header is configured proxy_url must also be configured @ proxy_connect_header'],
    ['tls_config: {min_version: TLS9}', 'unknown TLS version: TLS9 @ min_version'],
    ['no_proxy: localhost', 'unknown field "no_proxy" in an http_config: it came after Alertmanager 0.25, which rejects it @ no_proxy'],
  ])('http_config %s', (http, expected) => {
    expect(errors(receiver(`  webhook_configs: [{url: "http://a/", http_config: {${http}}}]\n`))).toEqual([`error: ${expected}`]);
  });

  it('never puts secrets in messages', () => {
    const secret = 'hunter2-secret';
    const text = receiver(`  slack_configs: [{api_url: "${secret}"}]\n  pagerduty_configs: [{routing_key: {a: ${secret}}}]\n  webhook_configs: [{url: "http://a/", http_config: {basic_auth: {username: u, password: ${secret}, password_file: /f}}}]\n`);
    const found = loadAlertmanagerConfig(text, 'am.yml').problems;
    expect(found.filter((p) => p.severity === 'error').length).toBeGreaterThanOrEqual(3);
    for (const p of found) expect(p.message).not.toContain(secret);
  });

  it('applies defaults and global fallbacks, keeping *_file fields as paths', () => {
    const config = load(`global:
  slack_api_url_file: /run/secrets/slack
  smtp_smarthost: 'mail:25'
  smtp_from: am@example.com
  opsgenie_api_key: key
route: {receiver: r}
receivers:
- name: r
  webhook_configs: [{url: "http://a/"}, {url: "http://b/", send_resolved: false, max_alerts: 3}]
  slack_configs: [{channel: '#x'}]
  email_configs: [{to: ops@example.com}]
  opsgenie_configs: [{api_url: "https://og.example.com/v2"}]
`);
    const [webhookA, webhookB, slack, email, opsgenie] = config.receivers[0]!.integrations;
    expect([webhookA!.type, webhookA!.index, webhookA!.sendResolved]).toEqual(['webhook', 0, true]);
    expect(webhookA!.settings).toMatchObject({ url: 'http://a/', max_alerts: 0, http_config: { follow_redirects: true, enable_http2: true } });
    expect([webhookB!.index, webhookB!.sendResolved, webhookB!.settings.max_alerts]).toEqual([1, false, 3]);
    expect(slack!.settings).toMatchObject({ api_url_file: '/run/secrets/slack', channel: '#x', title: '{{ template "slack.default.title" . }}' });
    expect(slack!.sendResolved).toBe(false);
    expect(email!.settings).toMatchObject({ smarthost: 'mail:25', from: 'am@example.com', hello: 'localhost', require_tls: true });
    expect(opsgenie!.settings).toMatchObject({ api_url: 'https://og.example.com/v2/', api_key: 'key' });
    expect(config.global.resolveTimeout).toBe(300_000);
    expect(config.global.settings.pagerduty_url).toBe('https://events.pagerduty.com/v2/enqueue');
  });

  it('turns a legacy bearer_token into an authorization, as upstream does', () => {
    const config = load(receiverWith('  webhook_configs: [{url: "http://a/", http_config: {bearer_token: t}}]\n'));
    expect(config.receivers[0]!.integrations[0]!.settings.http_config).toMatchObject({ authorization: { type: 'Bearer', credentials: 't' } });
  });

  it('warns about integrations Klaxon cannot send to, and those 0.25 does not have', () => {
    expect(problems(receiver('  email_configs: [{to: a, from: b, smarthost: "h:1"}]\n'))).toEqual([
      'warning: Klaxon cannot send to email yet: notifications for this receiver are logged but not delivered @ email_configs',
    ]);
    expect(problems(receiver('  msteams_configs: [{webhook_url: "https://t/"}]\n'))).toEqual([
      'warning: msteams_configs is not supported by Alertmanager 0.25 (it came in 0.26) @ msteams_configs',
      'warning: Klaxon cannot send to msteams yet: notifications for this receiver are logged but not delivered @ msteams_configs',
    ]);
    expect(errors(receiver('  msteams_configs: [{title: x}]\n'))).toEqual(['error: one of webhook_url or webhook_url_file must be configured @ title']);
    expect(errors(receiver('  jira_configs: [{project: P, issue_type: Bug}]\n'))).toEqual(['error: no global Jira Cloud URL set @ project']);
  });
});

function receiverWith(yaml: string): string {
  return `route: {receiver: r}\nreceivers:\n- name: r\n${yaml}`;
}

describe('inhibit rules', () => {
  it('reads all three matcher spellings on both sides', () => {
    const config = load(`${BASE}inhibit_rules:
- source_match: {severity: critical}
  source_matchers: ['alertname=~"Node.*"']
  target_match_re: {severity: 'warning|info'}
  target_matchers: [team!=infra]
  equal: [cluster, service]
- ~
`);
    expect(config.inhibitRules).toHaveLength(1);
    const [rule] = config.inhibitRules;
    expect(formatMatchers(rule!.sourceMatchers)).toBe('{severity="critical",alertname=~"Node.*"}');
    expect(formatMatchers(rule!.targetMatchers)).toBe('{severity=~"^(?:warning|info)$",team!="infra"}');
    expect(rule!.equal).toEqual(['cluster', 'service']);
  });

  it.each([
    ['equal: [a-b]', '"a-b" is not a valid label name @ a-b'],
    ['source_match: {1x: y}', 'invalid label name "1x" @ 1x'],
    ['target_matchers: ["a=~("]', 'error parsing regexp: missing closing ): `(` @ ('],
    ['name: x', 'unknown field "name" in an inhibit rule: inhibit rule names came after Alertmanager 0.25, which rejects them @ name'],
  ])('%s', (rule, expected) => {
    expect(errors(`${BASE}inhibit_rules: [{${rule}}]\n`)).toEqual([`error: ${expected}`]);
  });
});

describe('time intervals', () => {
  it('reads times, weekdays, days of month, months, years and locations', () => {
    const config = load(`${BASE}time_intervals:
- name: office
  time_intervals:
  - times: [{start_time: '09:00', end_time: '24:00'}]
    weekdays: ['monday:Friday', sunday]
    days_of_month: ['1:7', '-3:-1']
    months: ['january:march', '12']
    years: ['2024:2026']
    location: Europe/Berlin
mute_time_intervals:
- name: old
  time_intervals: [{location: ''}]
`);
    const [old, office] = config.timeIntervals;
    expect(old!.deprecatedKey).toBe(true);
    expect(old!.intervals).toEqual([{ location: 'UTC' }]);
    expect(office!.name.value).toBe('office');
    expect(office!.intervals).toEqual([
      {
        times: [{ startMinute: 540, endMinute: 1440 }],
        weekdays: [{ begin: 1, end: 5 }, { begin: 0, end: 0 }],
        daysOfMonth: [{ begin: 1, end: 7 }, { begin: -3, end: -1 }],
        months: [{ begin: 1, end: 3 }, { begin: 12, end: 12 }],
        years: [{ begin: 2024, end: 2026 }],
        location: 'Europe/Berlin',
      },
    ]);
  });

  const spec = (yaml: string) => `${BASE}time_intervals: [{name: t, time_intervals: [{${yaml}}]}]\n`;
  it.each([
    ["times: [{start_time: '9:00', end_time: '10:00'}]", "couldn't parse timestamp 9:00, invalid format @ '9:00'"],
    ["times: [{start_time: '10:00', end_time: '10:00'}]", "start time cannot be equal or greater than end time @ '10:00'"],
    ["times: [{start_time: '10:00'}]", 'both start and end times must be provided @ start_time'],
    ['weekdays: [friday:monday]', 'start day cannot be before end day @ friday:monday'],
    ['weekdays: [mon]', 'mon is not a valid weekday @ mon'],
    ['weekdays: ["a:b:c"]', 'couldn\'t parse range a:b:c, invalid format @ "a:b:c"'],
    ["days_of_month: ['0']", "0 is not a valid day of the month: out of range @ '0'"],
    ["days_of_month: ['-1:5']", "end day must be negative if start day is negative @ '-1:5'"],
    ["days_of_month: ['10:1']", "end day 1 is always before start day 10 @ '10:1'"],
    ['days_of_month: [x]', 'strconv.Atoi: parsing "x": invalid syntax @ x'],
    ['months: [march:february]', 'end month february is before start month march @ march:february'],
    ['months: [smarch]', 'smarch is not a valid month @ smarch'],
    ["years: ['2020:2019']", "end year 2019 is before start year 2020 @ '2020:2019'"],
    ['location: Mars/Olympus', 'unknown time zone Mars/Olympus @ Mars/Olympus'],
    ['location: europe/berlin', 'unknown time zone europe/berlin @ europe/berlin'],
    ['timezone: UTC', 'unknown field "timezone" in a time interval specification; expected one of times, weekdays, days_of_month, months, years, location @ timezone'],
  ])('%s', (yaml, expected) => {
    expect(errors(spec(yaml))).toEqual([`error: ${expected}`]);
  });

  it('accepts IANA links and Local', () => {
    for (const zone of ['US/Eastern', 'Asia/Calcutta', 'Etc/GMT+5', 'Local', 'UTC', 'EST']) expect(errors(spec(`location: ${zone}`))).toEqual([]);
  });

  it('checks names: present and unique across both keys', () => {
    expect(errors(`${BASE}time_intervals: [{time_intervals: []}]\n`)).toEqual(['error: missing name in time interval @ time_intervals']);
    expect(errors(`${BASE}mute_time_intervals: [{name: a}]\ntime_intervals: [{name: a}]\n`)).toEqual(['error: time interval "a" is not unique @ a']);
  });
});

describe('global and templates', () => {
  it.each([
    ['global: {slack_api_url: "https://s/", slack_api_url_file: /f}\n', 'at most one of slack_api_url & slack_api_url_file must be configured @ slack_api_url_file'],
    ['global: {resolve_timeout: 1x}\n', 'invalid duration in `resolve_timeout`: unknown unit "x" in duration "1x" @ 1x'],
    ['global: {smtp_require_tls: "yes"}\n', '`smtp_require_tls` must be true or false, not "yes" @ "yes"'],
    ['global: {slack_app_token: x}\n', 'unknown field "slack_app_token" in the global section: it came after Alertmanager 0.25, which rejects it @ slack_app_token'],
    ['templates: ["tmpl/[.tmpl"]\n', 'syntax error in pattern @ "tmpl/[.tmpl"'],
  ])('%j', (extra, expected) => {
    expect(errors(`${BASE}${extra}`)).toEqual([`error: ${expected}`]);
  });

  it('keeps the defaults when global is empty, and reads plain YAML 1.1 booleans', () => {
    const config = load(`global:\n${BASE}`);
    expect(config.global.settings).toMatchObject({ smtp_hello: 'localhost', smtp_require_tls: true, resolve_timeout: 300_000 });
    expect(load(`global: {smtp_require_tls: off}\n${BASE}`).global.settings.smtp_require_tls).toBe(false);
    expect(load(`${BASE}templates: ['tmpl/*.tmpl']\n`).templates.map((t) => t.value)).toEqual(['tmpl/*.tmpl']);
  });
});

describe("Klaxon's keys", () => {
  it('reads enrichment rules and severity aliases', () => {
    const config = load(`${BASE}enrichment:
- matchers: ['service=~"api|web"', '"team name"=ops']
  annotations: {runbook: 'https://runbooks/{{ .Labels.alertname }}'}
  labels: {owner: '{{ .Row.owner }}'}
  lookup: {file: services.csv, key: service}
severities:
  aliases:
    critical: [Sev-A]
    info: [fyi]
`);
    const [rule] = config.klaxon.enrichment;
    expect(formatMatchers(rule!.matchers)).toBe('{service=~"api|web","team name"="ops"}');
    expect(rule!.annotations).toEqual({ runbook: 'https://runbooks/{{ .Labels.alertname }}' });
    expect(rule!.labels).toEqual({ owner: '{{ .Row.owner }}' });
    expect(rule!.lookup).toEqual({ file: 'services.csv', key: 'service' });
    expect(normalizeSeverity('sev-a', config.klaxon.severities)).toBe('critical');
    expect(normalizeSeverity('FYI', config.klaxon.severities)).toBe('info');
    expect(normalizeSeverity('page', config.klaxon.severities)).toBe('critical');
  });

  it.each([
    ['enrichment: [{matchers: ["a=\\"b"], annotations: {x: y}}]', 'matcher value contains unescaped double quote: "b @ \\"b'],
    ['enrichment: [{annotations: {x: "{{ .Labels.a "}}]', 'template: x:1: unclosed action @ {{'],
    ['enrichment: [{labels: {a-b: x}}]', 'invalid label name "a-b" @ a-b'],
    ['enrichment: [{annotations: {x: y}, lookup: {file: t.csv}}]', 'a lookup needs the label `key` to look rows up by @ file'],
    ['severities: {aliases: {critcal: [p]}}', 'unknown severity level "critcal"; did you mean "critical"? @ critcal'],
  ])('%s', (yaml, expected) => {
    expect(errors(`${BASE}${yaml}\n`)).toEqual([`error: ${expected}`]);
  });
});
