/**
 * The outline: groups and their rules; the route tree (each route by its matchers and receiver),
 * receivers, time intervals and inhibit rules; tests and their checks; promqltest commands.
 */
import type { RouteConfig } from '../../alertmanager/config/types.js';
import { formatMatcher } from '../../alertmanager/matchers/format-matchers.js';
import type { TextRange } from '../../promql/ast.js';
import type { ServiceContext } from '../language-service.js';
import type { AlertmanagerModel } from '../models/alertmanager-model.js';
import type { PromqlScriptModel } from '../models/promql-script-model.js';
import type { RuleFileModel } from '../models/rule-file/rule-file-model.js';
import type { UnitTestModel } from '../models/unit-test-model.js';
import type { ServiceSymbol, SymbolKind } from '../service-types.js';
import { itemsOf, valueOf } from '../yaml/tree-access.js';

export function documentSymbols(ctx: ServiceContext, uri: string): ServiceSymbol[] {
  const model = ctx.workspace.model(uri);
  switch (model?.kind) {
    case 'rules':
      return ruleFileSymbols(model);
    case 'alertmanager':
      return alertmanagerSymbols(model);
    case 'unit-test':
      return unitTestSymbols(model);
    case 'promql-test':
      return scriptSymbols(model);
    default:
      return [];
  }
}

function symbol(name: string, kind: SymbolKind, range: TextRange, selectionRange: TextRange = range, children: ServiceSymbol[] = [], detail?: string): ServiceSymbol {
  const selection = selectionRange.start >= range.start && selectionRange.end <= range.end ? selectionRange : { start: range.start, end: range.start };
  return { name: name || '(unnamed)', kind, range, selectionRange: selection, children, ...(detail !== undefined && { detail }) };
}

function ruleFileSymbols(model: RuleFileModel): ServiceSymbol[] {
  return model.groups.map((group) => {
    const rules = group.rules.map((rule) => {
      const detail = rule.kind === 'alert' ? 'alert' : 'record';
      return symbol(rule.name, rule.kind === 'alert' ? 'event' : 'function', rule.range, rule.positions?.name, [], detail);
    });
    const end = Math.max(group.range.end, ...group.rules.map((r) => r.range.end));
    return symbol(group.name, 'namespace', { start: group.range.start, end }, group.positions?.name, rules, 'group');
  });
}

function alertmanagerSymbols(model: AlertmanagerModel): ServiceSymbol[] {
  const symbols: ServiceSymbol[] = [];
  const config = model.loaded.config;
  if (config) symbols.push(routeSymbol(config.route, 'route'));
  const list = (key: string, kind: SymbolKind, name: (item: ReturnType<typeof itemsOf>[number], i: number) => string) => {
    const pair = model.tree.root?.kind === 'map' ? model.tree.root.pairs.find((p) => p.key.kind === 'scalar' && p.key.text === key) : undefined;
    if (!pair) return;
    const children = itemsOf(pair.value).map((item, i) => symbol(name(item, i), kind, item.range));
    symbols.push(symbol(key, 'module', { start: pair.key.range.start, end: Math.max(pair.key.range.end, pair.value.range.end) }, pair.key.range, children));
  };
  const named = (item: ReturnType<typeof itemsOf>[number]) => {
    const name = valueOf(item, 'name');
    return name?.kind === 'scalar' ? name.text : '';
  };
  list('receivers', 'interface', named);
  list('time_intervals', 'constant', named);
  list('mute_time_intervals', 'constant', named);
  list('inhibit_rules', 'object', (_item, i) => `inhibit rule ${i + 1}`);
  return symbols;
}

function routeSymbol(route: RouteConfig, fallback: string): ServiceSymbol {
  const matchers = route.matchers.map(formatMatcher).join(', ');
  const name = matchers || fallback;
  const detail = route.receiver ? `→ ${route.receiver.value}` : undefined;
  return symbol(name, 'object', route.range, route.range, route.routes.map((child, i) => routeSymbol(child, `route ${i + 1}`)), detail);
}

function unitTestSymbols(model: UnitTestModel): ServiceSymbol[] {
  return itemsOf(valueOf(model.tree.root, 'tests')).map((test, i) => {
    const nameNode = valueOf(test, 'name');
    const name = nameNode?.kind === 'scalar' && nameNode.text !== '' ? nameNode.text : `unnamed#${i}`;
    const children: ServiceSymbol[] = [];
    for (const check of itemsOf(valueOf(test, 'alert_rule_test'))) {
      const alert = valueOf(check, 'alertname');
      const time = valueOf(check, 'eval_time');
      children.push(symbol(alert?.kind === 'scalar' ? alert.text : 'alert_rule_test', 'event', check.range, alert?.range, [], time?.kind === 'scalar' ? `at ${time.text}` : undefined));
    }
    for (const check of itemsOf(valueOf(test, 'promql_expr_test'))) {
      const expr = valueOf(check, 'expr');
      children.push(symbol(expr?.kind === 'scalar' ? expr.text.trim() : 'promql_expr_test', 'function', check.range, expr?.range));
    }
    return symbol(name, 'module', test.range, nameNode?.range, children, 'test');
  });
}

function scriptSymbols(model: PromqlScriptModel): ServiceSymbol[] {
  return model.script.commands.map((command) => {
    const start = model.doc.offsetOfPlace(command.line, 1);
    const lineEnd = model.doc.text.indexOf('\n', start);
    const range = { start, end: lineEnd < 0 ? model.doc.text.length : lineEnd };
    const name = command.kind === 'eval' ? `eval ${command.expr}` : command.kind;
    return symbol(name, command.kind === 'eval' ? 'function' : 'key', range);
  });
}
