/**
 * Random Alertmanager configurations for the agreement test with `amtool check-config`: mostly
 * valid, each part now and then broken in one of the ways Alertmanager 0.25 checks (missing or
 * conflicting fields, bad names, durations, URLs, matchers in both syntaxes, time intervals).
 * The YAML is written by hand so that plain words such as `yes` stay plain.
 */
import { Random } from './am-routes-cases.js';

/** A scalar written as is, unquoted: `yes`, `~`, `1.5`. */
export class Plain {
  constructor(readonly text: string) {}
}

type Value = string | number | boolean | null | Plain | Value[] | { [key: string]: Value | undefined };

/** Block-style YAML; strings double-quoted (JSON strings are valid YAML), keys plain when simple. */
export function toYaml(value: Value, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return value.map((item) => `\n${indent}- ${toYaml(item, `${indent}  `).replace(/^\n\s*/, '')}`).join('');
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Plain)) {
    const entries = Object.entries(value).filter((e): e is [string, Value] => e[1] !== undefined);
    if (entries.length === 0) return '{}';
    return entries
      .map(([k, v]) => {
        const key = /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(k) ? k : JSON.stringify(k);
        const rendered = toYaml(v, `${indent}  `);
        return `\n${indent}${key}:${rendered.startsWith('\n') ? '' : ' '}${rendered}`;
      })
      .join('');
  }
  if (value instanceof Plain) return value.text;
  if (value === null) return '~';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

export function renderConfig(config: Record<string, Value | undefined>): string {
  return `${toYaml(config as Value).replace(/^\n/, '')}\n`;
}

const LABELS = ['alertname', 'severity', 'team', 'service', 'env', 'job', 'instance', 'cluster'];
const BAD_LABELS = ['bad-name', '1abc', 'a.b', 'ünï', ''];

export class ConfigGenerator {
  private receiverNames: string[] = [];
  private intervalNames: string[] = [];

  constructor(private readonly r: Random) {}

  /** Small probability that a part is broken. */
  private fault(p = 0.02): boolean {
    return this.r.chance(p);
  }

  config(): Record<string, Value | undefined> {
    const r = this.r;
    this.receiverNames = Array.from({ length: 1 + r.int(3) }, (_, i) => `r${i}`);
    this.intervalNames = r.chance(0.3) ? Array.from({ length: 1 + r.int(2) }, (_, i) => `ti${i}`) : [];
    const global = r.chance(0.4) ? this.global() : undefined;
    const receivers = this.receivers(global);
    const config: Record<string, Value | undefined> = {
      global,
      route: this.route(true, 0),
      receivers,
      inhibit_rules: r.chance(0.3) ? Array.from({ length: 1 + r.int(2) }, () => this.inhibitRule()) : undefined,
      templates: r.chance(0.15) ? [this.fault(0.3) ? '/nonexistent-klaxon/[' : '/nonexistent-klaxon/*.tmpl'] : undefined,
    };
    if (this.intervalNames.length > 0 || this.fault()) {
      const intervals = this.intervalNames.map((name) => this.timeInterval(name));
      if (this.fault()) intervals.push(this.timeInterval(this.intervalNames[0] ?? 'dup'));
      if (r.chance(0.3) && intervals.length > 0) {
        config.mute_time_intervals = [intervals.shift()!];
        if (intervals.length > 0) config.time_intervals = intervals;
      } else {
        config.time_intervals = intervals;
      }
    }
    return config;
  }

  // Routes -----------------------------------------------------------------------------------

  private route(root: boolean, depth: number): Record<string, Value | undefined> {
    const r = this.r;
    const route: Record<string, Value | undefined> = {};
    if (root ? !this.fault(0.03) : r.chance(0.5)) route.receiver = this.fault(0.03) ? 'undefined-receiver' : r.pick(this.receiverNames);
    if (r.chance(0.4)) route.group_by = this.groupBy();
    if (!root || this.fault(0.02)) {
      if (r.chance(0.3)) route.match = Object.fromEntries(r.some(LABELS, 2).map((l) => [this.fault() ? r.pick(BAD_LABELS) : l, this.word()]));
      if (r.chance(0.2)) route.match_re = Object.fromEntries(r.some(LABELS, 2).map((l) => [l, this.fault() ? r.pick(['(', '[a-', '*x']) : r.pick(['a|b', '.*', 'team-(x|y)', 'web.+'])]));
      if (r.chance(0.6)) route.matchers = Array.from({ length: 1 + r.int(2) }, () => this.matcherString());
    }
    if (!root ? r.chance(0.3) : this.fault(0.02)) route.continue = this.bool();
    for (const name of ['group_wait', 'group_interval', 'repeat_interval']) if (r.chance(0.25)) route[name] = this.duration();
    const intervals = [...this.intervalNames, ...(this.fault(0.05) ? ['undefined-interval'] : [])];
    if ((!root || this.fault(0.02)) && intervals.length > 0) {
      if (r.chance(0.3)) route.mute_time_intervals = r.some(intervals, 2);
      if (r.chance(0.2)) route.active_time_intervals = r.some(intervals, 2);
    }
    if (depth < 3 && r.chance(root ? 0.8 : 0.3)) {
      route.routes = Array.from({ length: 1 + r.int(3) }, () => this.route(false, depth + 1));
      if (this.fault(0.01)) (route.routes as Value[]).push(null);
    }
    if (this.fault(0.01)) route[r.pick(['recevier', 'labels', 'group'])] = 'x';
    return route;
  }

  private groupBy(): Value {
    const r = this.r;
    if (this.fault(0.02)) return 'alertname';
    if (r.chance(0.15)) return this.fault(0.1) ? ['...', 'alertname'] : ['...'];
    const names: Value[] = r.some(LABELS, 3);
    if (this.fault()) names.push(r.pick([...BAD_LABELS, names[0] ?? 'alertname']));
    return names;
  }

  /** One matcher string, in the classic or the UTF-8 syntax, sometimes a list or braced. */
  matcherString(): string {
    const r = this.r;
    const one = () => {
      const name = this.fault() ? r.pick(['"service name"', 'bad-name', '1x', '']) : r.pick(LABELS);
      const op = r.pick(['=', '!=', '=~', '!~']);
      const regex = op.includes('~');
      const values = regex
        ? ['"a|b"', 'web.+', '"(?i)prod"', '".*"', '"\\\\d+"', ...(this.fault() ? ['"("', '[a-', '"a\\\\"'] : [])]
        : ['prod', '"prod"', '"a,b"', '"say \\"hi\\""', '""', 'x y', '"line\\n"', '"back\\\\slash"', 'é', ...(this.fault() ? ['"open', 'a"b', '"x\\qy"'] : [])];
      const space = r.pick(['', '', ' ']);
      return `${name}${space}${op}${space}${r.pick(values)}`;
    };
    let text = Array.from({ length: 1 + (r.chance(0.2) ? 1 : 0) }, one).join(r.pick([',', ', ']));
    if (r.chance(0.1)) text += ',';
    if (r.chance(0.15)) text = `{${text}}`;
    return text;
  }

  private word(): string {
    return this.r.pick(['prod', 'web', 'critical', 'a b', '', 'é']);
  }

  private bool(): Value {
    return this.fault(0.1) ? this.r.pick([new Plain('yes'), new Plain('on'), 'true', new Plain('1'), new Plain('n')]) : this.r.chance(0.5);
  }

  private duration(): Value {
    const r = this.r;
    if (this.fault()) return r.pick(['5', '1.5h', 'abc', '-1m', '', '0s', '0']);
    return r.pick(['30s', '5m', '1h', '4h', '1h30m', '10ms', '1d']);
  }

  // Receivers --------------------------------------------------------------------------------

  private receivers(global: Record<string, Value | undefined> | undefined): Value[] {
    const r = this.r;
    const out: Value[] = this.receiverNames.map((name) => {
      const receiver: Record<string, Value | undefined> = { name: this.fault(0.02) ? '' : name };
      for (const type of r.some(INTEGRATION_TYPES, 2)) {
        receiver[`${type}_configs`] = Array.from({ length: 1 + r.int(2) }, () => this.integration(type, global));
      }
      if (this.fault(0.01)) receiver[r.pick(['webhook_config', 'msteams'])] = [];
      return receiver;
    });
    if (this.fault(0.03)) out.push({ name: this.receiverNames[0]! });
    return out;
  }

  private integration(type: (typeof INTEGRATION_TYPES)[number], global: Record<string, Value | undefined> | undefined): Value {
    const r = this.r;
    const c: Record<string, Value | undefined> = {};
    if (r.chance(0.3)) c.send_resolved = this.bool();
    if (type !== 'email' && r.chance(0.25)) c.http_config = this.httpConfig(type === 'webex');
    const missing = () => this.fault(0.08);
    switch (type) {
      case 'webhook':
        if (!missing()) c.url = this.url();
        if (r.chance(0.2)) c.max_alerts = this.fault() ? -1 : r.int(10);
        break;
      case 'email':
        if (!missing()) c.to = 'ops@example.com';
        if (!global?.smtp_smarthost || r.chance(0.3)) if (!missing()) c.smarthost = this.fault() ? r.pick(['mail', 'mail:', '[::1']) : 'mail.example.com:25';
        if (!global?.smtp_from || r.chance(0.3)) if (!missing()) c.from = 'am@example.com';
        if (r.chance(0.2)) c.auth_password = 'secret';
        else if (r.chance(0.1)) c.auth_password_file = '/run/secrets/smtp';
        if (c.auth_password && this.fault(0.1)) c.auth_password_file = '/run/secrets/smtp';
        if (r.chance(0.2)) c.headers = this.fault(0.2) ? { subject: 'a', Subject: 'b' } : { Subject: 'alert', 'X-Team': 'ops' };
        if (r.chance(0.2)) c.require_tls = this.bool();
        if (r.chance(0.1)) c.tls_config = { insecure_skip_verify: true };
        break;
      case 'pagerduty':
        if (!missing()) c[r.pick(['routing_key', 'service_key', 'routing_key_file', 'service_key_file'])] = 'key';
        if (this.fault()) c[r.pick(['routing_key', 'service_key'])] = 'k';
        if (this.fault()) c.routing_key_file = '/f';
        if (r.chance(0.2)) c.url = this.url();
        if (r.chance(0.2)) c.details = { summary: '{{ .CommonLabels.alertname }}' };
        if (r.chance(0.1)) c.images = [{ src: 'https://x/y.png', alt: 'graph' }];
        if (r.chance(0.1)) c.links = [{ href: 'https://x', text: 'runbook' }];
        break;
      case 'slack':
        if (!global?.slack_api_url || r.chance(0.5)) if (!missing()) c[r.pick(['api_url', 'api_url', 'api_url_file'])] = c.api_url === undefined ? 'https://hooks.slack.com/services/x' : '/f';
        if (this.fault()) { c.api_url = 'https://hooks.slack.com/x'; c.api_url_file = '/f'; }
        if (r.chance(0.3)) c.channel = '#alerts';
        if (r.chance(0.15)) c.fields = [{ title: this.fault() ? '' : 'Team', value: this.fault() ? '' : '{{ .CommonLabels.team }}', short: true }];
        if (r.chance(0.15)) c.actions = [this.slackAction()];
        break;
      case 'opsgenie':
        if (!global?.opsgenie_api_key || r.chance(0.5)) if (!missing()) c[r.pick(['api_key', 'api_key_file'])] = 'key';
        if (this.fault()) { c.api_key = 'k'; c.api_key_file = '/f'; }
        if (r.chance(0.2)) c.api_url = this.url();
        if (r.chance(0.3)) {
          const responder: Record<string, Value | undefined> = this.fault() ? {} : { [r.pick(['id', 'name', 'username'])]: 'ops' };
          responder.type = r.pick(['team', 'Teams', 'user', 'escalation', 'schedule', '{{ .CommonLabels.kind }}', ...(this.fault(0.3) ? ['group', '{{ .Bad', ''] : [])]);
          c.responders = [responder];
        }
        break;
      case 'wechat':
        if (!global?.wechat_api_secret || r.chance(0.5)) if (!missing()) c.api_secret = 'secret';
        if (!global?.wechat_api_corp_id || r.chance(0.5)) if (!missing()) c.corp_id = 'corp';
        if (r.chance(0.3)) c.message_type = this.fault(0.3) ? 'html' : r.pick(['text', 'markdown']);
        break;
      case 'pushover':
        if (!missing()) c.user_key = 'user';
        if (!missing()) c.token = 'token';
        if (r.chance(0.2)) c.retry = this.fault(0.3) ? r.pick(['30', '1x', '']) : r.pick(['30s', '1m', '1.5m', '100ms']);
        if (r.chance(0.2)) c.expire = '2h';
        if (r.chance(0.1)) c.html = this.bool();
        break;
      case 'victorops':
        if (!missing()) c.routing_key = 'team';
        if (!global?.victorops_api_key || r.chance(0.5)) if (!missing()) c[r.pick(['api_key', 'api_key_file'])] = 'key';
        if (this.fault()) { c.api_key = 'k'; c.api_key_file = '/f'; }
        if (r.chance(0.2)) c.custom_fields = this.fault(0.3) ? { entity_state: 'x' } : { runbook: 'https://x' };
        break;
      case 'sns': {
        const targets = this.fault(0.1) ? r.some(['topic_arn', 'target_arn', 'phone_number'], 3) : [r.pick(['topic_arn', 'target_arn', 'phone_number'])];
        for (const t of targets) c[t] = t === 'phone_number' ? '+15555550100' : 'arn:aws:sns:us-east-1:1:t';
        if (r.chance(0.3)) c.sigv4 = this.fault(0.1) ? { region: 'us-east-1', access_key: 'a' } : { region: 'us-east-1' };
        break;
      }
      case 'telegram':
        if (!missing()) c.bot_token = 'token';
        if (!missing()) c.chat_id = this.fault() ? r.pick<Value>(['12', 0, new Plain('1.5')]) : 123456;
        if (r.chance(0.2)) c.parse_mode = this.fault(0.3) ? 'Plain' : r.pick(['HTML', 'Markdown', 'MarkdownV2', '']);
        break;
      case 'discord':
        if (!missing()) c.webhook_url = this.url();
        break;
      case 'webex':
        if (!missing()) c.room_id = 'room';
        if (!c.http_config && !missing()) c.http_config = { authorization: { credentials: 'token' } };
        break;
    }
    if (this.fault(0.03)) c[r.pick(['timeout', 'urls', 'api_url_file_', 'token_file'])] = 'x';
    return c;
  }

  private slackAction(): Value {
    const r = this.r;
    const action: Record<string, Value | undefined> = { type: this.fault() ? '' : 'button', text: this.fault() ? '' : 'Runbook' };
    if (!this.fault()) action[r.pick(['url', 'name'])] = 'x';
    if (r.chance(0.2)) action.confirm = { text: this.fault(0.3) ? '' : 'Sure?' };
    return action;
  }

  private url(): string {
    return this.fault() ? this.r.pick(['ftp://x', 'http://', 'http://a:b/', 'http://a/%zz', 'hooks.example.com', '']) : this.r.pick(['http://127.0.0.1:5001/', 'https://example.com/hook', 'HTTPS://Example.com']);
  }

  private httpConfig(needsAuthorization: boolean): Value {
    const r = this.r;
    const http: Record<string, Value | undefined> = {};
    const kind = needsAuthorization && !this.fault(0.2) ? 'authorization' : r.pick(['none', 'basic', 'authorization', 'bearer', 'oauth2']);
    if (kind === 'basic') http.basic_auth = { username: 'u', ...(this.fault(0.1) ? { password: 'p', password_file: '/f' } : { [r.pick(['password', 'password_file'])]: 'p' }) };
    if (kind === 'authorization') http.authorization = { type: this.fault(0.1) ? 'Basic' : r.pick(['Bearer', 'Token', '']), credentials: 'c' };
    if (kind === 'bearer') http[r.pick(['bearer_token', 'bearer_token_file'])] = 't';
    if (kind === 'oauth2') {
      http.oauth2 = { client_id: this.fault(0.1) ? '' : 'id', token_url: this.fault(0.1) ? undefined : 'https://auth/token', [r.pick(['client_secret', 'client_secret_file'])]: 's' };
    }
    if (this.fault(0.05)) http[r.pick(['bearer_token', 'bearer_token_file', 'basic_auth'])] = r.chance(0.5) ? 't' : { username: 'u' };
    if (r.chance(0.2)) http.proxy_url = this.fault(0.1) ? 'http://a b' : 'http://proxy:3128';
    if (this.fault(0.05)) http.proxy_connect_header = { 'X-A': ['b'] };
    if (r.chance(0.2)) http.tls_config = { insecure_skip_verify: this.bool(), ...(r.chance(0.3) ? { min_version: this.fault(0.3) ? 'TLS9' : 'TLS12' } : {}) };
    if (r.chance(0.2)) http.follow_redirects = this.bool();
    if (this.fault(0.03)) http[r.pick(['no_proxy', 'http_headers', 'proxy'])] = 'x';
    return http;
  }

  // Global, inhibition, time intervals -------------------------------------------------------

  private global(): Record<string, Value | undefined> {
    const r = this.r;
    const g: Record<string, Value | undefined> = {};
    if (r.chance(0.4)) g.resolve_timeout = this.duration();
    if (r.chance(0.4)) g.smtp_smarthost = 'mail.example.com:587';
    if (r.chance(0.4)) g.smtp_from = 'am@example.com';
    if (r.chance(0.2)) g.smtp_require_tls = this.bool();
    if (r.chance(0.2)) g.smtp_auth_password = 'p';
    else if (r.chance(0.1)) g.smtp_auth_password_file = '/f';
    if (g.smtp_auth_password && this.fault(0.1)) g.smtp_auth_password_file = '/f';
    if (r.chance(0.3)) g[r.pick(['slack_api_url', 'slack_api_url_file'])] = g.slack_api_url === undefined ? 'https://hooks.slack.com/services/x' : '/f';
    if (this.fault()) { g.slack_api_url = 'https://hooks.slack.com/x'; g.slack_api_url_file = '/f'; }
    if (r.chance(0.3)) g[r.pick(['opsgenie_api_key', 'opsgenie_api_key_file'])] = 'key';
    if (r.chance(0.3)) g[r.pick(['victorops_api_key', 'victorops_api_key_file'])] = 'key';
    if (r.chance(0.2)) g.wechat_api_secret = 's';
    if (r.chance(0.2)) g.wechat_api_corp_id = 'c';
    if (r.chance(0.1)) g.pagerduty_url = this.url();
    if (this.fault(0.05)) g[r.pick(['pagerduty_url', 'wechat_api_url', 'opsgenie_api_url'])] = null;
    if (r.chance(0.2)) g.http_config = this.httpConfig(false);
    if (this.fault(0.03)) g[r.pick(['slack_app_token', 'smtp_tls_config', 'resolve-timeout'])] = 'x';
    return g;
  }

  private inhibitRule(): Value {
    const r = this.r;
    const rule: Record<string, Value | undefined> = {};
    for (const side of ['source', 'target']) {
      const style = r.int(3);
      if (style === 0) rule[`${side}_match`] = { [this.fault() ? r.pick(BAD_LABELS) : r.pick(LABELS)]: this.word() };
      if (style === 1) rule[`${side}_match_re`] = { [r.pick(LABELS)]: this.fault() ? r.pick(['(', null]) : r.pick(['a|b', '.+']) };
      if (style === 2) rule[`${side}_matchers`] = [this.matcherString()];
    }
    if (r.chance(0.7)) rule.equal = [...r.some(LABELS, 2), ...(this.fault() ? [r.pick(BAD_LABELS)] : [])];
    return rule;
  }

  private timeInterval(name: string): Value {
    const r = this.r;
    const spec: Record<string, Value | undefined> = {};
    if (r.chance(0.5)) {
      const times = this.fault()
        ? r.pick([{ start_time: '7:00', end_time: '09:00' }, { start_time: '10:00', end_time: '09:00' }, { start_time: '09:00' }, { start_time: '23:60', end_time: '24:00' }])
        : r.pick([{ start_time: '09:00', end_time: '17:00' }, { start_time: '00:00', end_time: '24:00' }, { start_time: '22:30', end_time: '23:59' }]);
      spec.times = [times];
    }
    if (r.chance(0.5)) spec.weekdays = [this.fault() ? r.pick(['1', 'friday:monday', 'mon', 'monday:tuesday:friday']) : r.pick(['monday:friday', 'Saturday', 'sunday', 'TUESDAY:thursday'])];
    if (r.chance(0.3)) spec.days_of_month = [this.fault() ? r.pick(['0', '32', '-1:5', '10:1', 'x', '-40']) : r.pick(['1:7', '-1', '-7:-1', '15', '+5', '05:10'])];
    if (r.chance(0.3)) spec.months = [this.fault() ? r.pick(['march:february', 'smarch', '12:1']) : r.pick(['january:march', 'December', '1:6', '13', 'may'])];
    if (r.chance(0.2)) spec.years = [this.fault() ? r.pick(['2020:2019', 'x', '20x']) : r.pick(['2024', '2020:2030'])];
    if (r.chance(0.3)) spec.location = this.fault() ? r.pick(['Mars/Olympus', 'europe/berlin', 'CEST']) : r.pick(['Europe/Berlin', 'UTC', 'Local', 'America/New_York', 'US/Eastern', 'Asia/Kolkata', 'Etc/GMT+5']);
    if (this.fault(0.02)) spec.timezone = 'UTC';
    return { name: this.fault(0.02) ? '' : name, time_intervals: [spec] };
  }
}

export const INTEGRATION_TYPES = ['webhook', 'email', 'pagerduty', 'slack', 'opsgenie', 'wechat', 'pushover', 'victorops', 'sns', 'telegram', 'discord', 'webex'] as const;

/** Klaxon's own keys, with comments, to put beside a generated configuration. */
export function klaxonKeys(r: Random): string {
  const enrichment = `# Klaxon: runbook links and owners
enrichment:
  - matchers: ['service=~"api|web"']
    annotations:
      runbook: 'https://runbooks.example.com/{{ .Labels.alertname }}'
  # owners from the service table
  - matchers: [team=ops]
    lookup: {file: services.csv, key: service}
    labels: {owner: '{{ .Row.owner }}'}
`;
  const severities = `severities:
  aliases:
    critical: [page, p1]   # paging spellings
    warning: [ticket]
`;
  return r.chance(0.5) ? enrichment + severities : severities;
}
