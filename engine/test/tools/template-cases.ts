/**
 * Templates for the differential test against amtool (Go's text/template and fmt): hand-written
 * corners, and a seeded generator of printf formats and builtin calls. Everything here must mean
 * the same in Go 1.19 (Debian's amtool) and Go 1.24 (Prometheus 3.5); features and messages that
 * changed in between are left out: `{{else with}}`, `range` over an integer, and the callee's name
 * in `call`'s "non-function" error. So are two things Klaxon cannot reproduce: the depth limit of
 * recursive templates (Go's is 100000, Klaxon's is lower) and slicing a slice past its length
 * (Go allows up to the capacity, which Go's memory allocator decides).
 */
import { seededRandom } from '../../bench/generate.mjs';

export const HAND_WRITTEN: readonly string[] = [
  // Text, trimming, comments.
  'plain text',
  'a  {{- 1 -}}  b',
  'a \n\t {{- "x" }}  \n b',
  '{{ 1 -}}\n\n  {{- 2 }}',
  'x {{/* comment */}} y',
  'x {{- /* comment */ -}} y',
  '{{-3}}|{{- 3}}',
  // Literals and default formatting.
  '{{ 1 }} {{ -1 }} {{ 0x1F }} {{ 0o17 }} {{ 0b101 }} {{ 017 }} {{ 1_000 }} {{ \'a\' }} {{ \'\\n\' }}',
  '{{ 1.5 }} {{ 1e6 }} {{ 1e21 }} {{ 1e-7 }} {{ 0.1 }} {{ 100000000.0 }} {{ 123456.0 }} {{ 1234567.0 }} {{ -0.0 }} {{ 1. }} {{ .5 }}',
  '{{ 0x1p-2 }} {{ 1e3 }} {{ -0x1E }} {{ 0x1E }} {{ 2i }} {{ 1+2i }} {{ 0i }}',
  '{{ "a\\tb" }} {{ `raw\\n` }} {{ "\\u00e9\\x41" }} {{ true }} {{ false }}',
  // Fields, maps, structs, missing keys.
  '{{ .Receiver }}|{{ .Status }}|{{ .ExternalURL }}|{{ .GroupLabels.alertname }}',
  '{{ .CommonLabels.missing }}|{{ index .CommonLabels "missing" }}|{{ .CommonLabels }}|{{ .CommonAnnotations }}',
  '{{ . }}',
  '{{ .Alerts }}',
  '{{ (index .Alerts 1).Labels.instance }}|{{ (index .Alerts 0).Annotations.summary }}',
  '{{ (index .Alerts 0).StartsAt.Format "2006-01-02T15:04:05Z07:00 Mon Monday Jan January 1 01 _2 02 002 __2 15 3 03 4 04 5 05 PM pm MST -0700 -07:00 -07 Z0700 .000 .999 ,000 06 _2006" }}',
  '{{ (index .Alerts 1).EndsAt.Unix }} {{ (index .Alerts 0).EndsAt.IsZero }} {{ (index .Alerts 1).EndsAt.IsZero }} {{ (index .Alerts 0).StartsAt.UTC }} {{ (index .Alerts 0).EndsAt }}',
  '{{ (index .Alerts 1).StartsAt.Format "3:04PM, Jan 2 2006 .0 .99 05.000" }}',
  '{{ (index .Alerts 0).StartsAt.Nope }}',
  '{{ (index .Alerts 0).StartsAt.Format }}',
  '{{ $ }}',
  '{{ .Receiver.x }}',
  '{{ .Foo }}',
  '{{ .Alerts.x }}',
  '{{ $x := 1 }}{{ $x.y }}',
  '{{ .Receiver 1 }}',
  '{{ .CommonLabels.severity 1 }}',
  '{{ 1 | .Receiver }}',
  // Variables and scope.
  '{{ $x := 1 }}{{ $x }}{{ $x = "a" }}{{ $x }}',
  '{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ $y := 3 }}{{ $y }}{{ end }}{{ $x }}',
  '{{ with $x := .Receiver }}{{ $x }}{{ . }}{{ end }}',
  '{{ range $i, $a := .Alerts }}{{ $i }}={{ $a.Status }};{{ end }}',
  '{{ range $k, $v := .CommonLabels }}{{ $k }}={{ $v }};{{ end }}',
  '{{ range $v := .CommonLabels }}{{ $v }},{{ end }}',
  '{{ range .Alerts }}{{ $.Receiver }}/{{ .Fingerprint }} {{ end }}',
  '{{ $i := 0 }}{{ range .Alerts }}{{ $i = 1 }}{{ end }}{{ $i }}',
  // Control structures.
  '{{ if 1 }}a{{ else }}b{{ end }}{{ if 0 }}a{{ else }}b{{ end }}',
  '{{ if "" }}a{{ else if 0 }}b{{ else if 0.0 }}c{{ else if .CommonAnnotations }}d{{ else }}e{{ end }}',
  '{{ if .Alerts }}yes{{ end }}{{ if .CommonAnnotations }}no{{ end }}{{ if nil }}x{{ end }}',
  '{{ with .CommonLabels.missing }}x{{ else }}empty{{ end }}{{ with .Receiver }}[{{ . }}]{{ end }}',
  '{{ range .CommonAnnotations }}x{{ else }}none{{ end }}',
  '{{ range .Alerts }}{{ if eq .Status "resolved" }}{{ break }}{{ end }}{{ .Status }}{{ end }}',
  '{{ range .Alerts }}{{ if eq .Status "firing" }}{{ continue }}{{ end }}{{ .Status }}{{ end }}',
  '{{ range .Receiver }}x{{ end }}',
  '{{ range 1.5 }}x{{ end }}',
  '{{ range $a, $b, $c := .Alerts }}{{ end }}',
  '{{ range nil }}x{{ else }}y{{ end }}',
  // Templates.
  '{{ define "t" }}[{{ . }}]{{ end }}{{ template "t" .Receiver }}{{ template "t" }}',
  '{{ define "t" }}{{ $ }}{{ end }}{{ $x := 1 }}{{ template "t" 5 }}',
  '{{ block "b" .Status }}<{{ . }}>{{ end }}',
  '{{ template "nope" }}',
  '{{ define "x" }}a{{ end }}{{ define "x" }}b{{ end }}',
  // Pipelines and calls.
  '{{ "x" | printf "%s-%s" "y" }}',
  '{{ 3 | printf "%d %d" 1 | len }}',
  '{{ . | printf "%T" }}',
  '{{ (printf "%d" 1) }}{{ (1) }}',
  '{{ print 1 2 "a" "b" 3 nil true }}|{{ println 1 "a" }}|{{ print }}',
  '{{ printf }}',
  '{{ not }}',
  '{{ len }}',
  '{{ nil }}',
  '{{ 1 2 }}',
  '{{ (1) 2 }}',
  '{{ printf 1 }}',
  '{{ printf .Alerts }}',
  '{{ len nil }}',
  '{{ len 3 }}',
  '{{ len "héllo" }} {{ len .Alerts }} {{ len .CommonLabels }} {{ len .CommonLabels.missing }}',
  // index and slice.
  '{{ index .Alerts 0 }}',
  '{{ index .Alerts 2 }}',
  '{{ index .Alerts 5 }}',
  '{{ index .Alerts -1 }}',
  '{{ index .Alerts "a" }}',
  '{{ index .Alerts nil }}',
  '{{ index "héllo" 1 }}|{{ index "abc" 3 }}',
  '{{ index .CommonLabels 1 }}',
  '{{ index .CommonLabels nil }}',
  '{{ index 3 1 }}',
  '{{ index nil 1 }}',
  '{{ index 1 }}',
  '{{ index (index .Alerts 0).Labels "severity" }}',
  '{{ slice "héllo" 1 3 }}|{{ printf "%q" (slice "héllo" 1 2) }}|{{ slice "abc" }}|{{ slice "abc" 1 }}',
  '{{ slice .Alerts 1 }}',
  '{{ slice "abc" 2 1 }}',
  '{{ slice "abc" 1 2 3 }}',
  '{{ slice .Alerts 0 1 2 }}',
  '{{ slice .Alerts 0 1 2 3 }}',
  '{{ slice 3 1 }}',
  // Logic and comparison.
  '{{ and 1 0 "x" }}|{{ and 1 2 }}|{{ or 0 "" }}|{{ or 0 "y" 3 }}|{{ not 0 }}|{{ not "a" }}|{{ 1 | and }}|{{ 0 | or 0 }}',
  '{{ and 0 (index 1 2) }}|{{ or 1 (index 1 2) }}',
  '{{ eq 1 1 }}{{ eq 1 2 }}{{ eq "a" "b" "a" }}{{ eq 1.5 1.5 }}{{ eq true true }}{{ ne 1 2 }}{{ ne "a" "a" }}',
  '{{ lt 1 2 }}{{ le 2 2 }}{{ gt "b" "a" }}{{ ge 1.5 2.5 }}{{ lt "é" "z" }}{{ lt -1 1 }}',
  '{{ eq nil 1 }}|{{ eq .CommonLabels.missing "" }}|{{ eq nil nil }}',
  '{{ eq 1 1.0 }}',
  '{{ eq 1 }}',
  '{{ lt 1 "a" }}',
  '{{ lt true false }}',
  '{{ lt .Alerts 1 }}',
  '{{ eq .CommonLabels .CommonLabels }}',
  '{{ eq .Alerts 1 }}',
  '{{ eq .GroupLabels .Alerts }}',
  '{{ eq .GroupLabels (index .Alerts 0) }}',
  '{{ eq .CommonLabels .GroupLabels.x }}',
  'é€ {{ "ü" }} {{ .Nope }}',
  'ab\ncd€ {{ .X }}',
  '{{ gt 1 }}',
  // Escapers.
  '{{ html "<a href=\\"x\\">&\'" }}|{{ html 1 2 }}|{{ html nil }}|{{ html .CommonLabels.missing }}',
  '{{ js "<a href=\\"x\\">&=é\\u2028\\u0001\'</a>\\\\" }}|{{ js nil }}|{{ js 1.5 }}',
  '{{ urlquery "a b&c=d/é~!*()" }}|{{ urlquery 1 "x" }}',
  '{{ "<x>" | html | urlquery }}',
  // call.
  '{{ call nil }}',
  '{{ call }}',
  // printf and fmt.
  '{{ printf "%05s|%-5d|%x|%X|% x|%#x|%q|%v|%5.1f|%e|%g|%G|%08.3f|%+d|%U|%#U|%c|%t|%o|%O|%b" "ab" 3 "hi" 255 "hi" "hi" "a\\"b" 1.5 3.14159 123456.789 1e-7 1e21 -3.14159 5 0x1F600 0x1F600 65 true 8 8 5 }}',
  '{{ printf "%d %s" }}|{{ printf "%d" 1 2 "x" }}|{{ printf "%z" 1 }}|{{ printf "%" }}|{{ printf "%[2]d %[1]d" 1 2 }}|{{ printf "%[3]d" 1 }}',
  '{{ printf "%*d|%-*d|%.*f|%*d" 5 1 5 2 2 3.14159 "x" 1 }}',
  '{{ printf "%d" 1.5 }}|{{ printf "%s" 1 }}|{{ printf "%s" nil }}|{{ printf "%v" nil }}|{{ printf "%d" .CommonLabels }}|{{ printf "%5d" "ab" }}',
  '{{ printf "%.0f %.0f %.0f %.1f %.2f %.3e %.10g" 0.5 1.5 2.5 0.25 1.005 123456.0 0.1 }}',
  '{{ printf "%#g %#.3x %x %X %b" 1.0 3.5 1.0 -0.5 1.0 }}',
  '{{ printf "%6.2f|%-8.3s|%08d|%+.2e|% d|% d|%+q" 3.14159 "abcdef" -42 12345.678 5 -5 "é" }}',
  '{{ printf "%q %#q %+q %x % X %#x" "tab\\t" "back`tick" "日本" "日本" "ab" "" }}',
  '{{ printf "%v %+v %#v %T" .GroupLabels .GroupLabels .GroupLabels .GroupLabels }}',
  '{{ printf "%v|%d|%s" .Alerts.x }}',
  '{{ printf "%c %c %q %U" 0x1F600 -1 0x1F600 -1 }}',
  '{{ printf "%t %t %v" true 1 false }}',
  '{{ printf "%10.4v|%-10v|%010v" 3.14159 "ab" 42 }}',
  '{{ printf "%[1]*[2]d|%[2]*[1]d|%-+5d|%[5]d" 3 4 5 }}',
  '{{ printf "%!|%.|%.d|%5.d|%.0d|%#o|%#b|%O" 1 2 3 0 8 5 -8 }}',
  '{{ printf "%e %E %f %F %g %G" 0.0 -0.0 1e100 1e-100 5e-324 1.7976931348623157e308 }}',
  '{{ printf "%.3g %.3g %.3g %.3g %g %g" 1234.5 0.00012345 1e-5 100.0 0.0001 0.00001 }}',
  '{{ printf "%s" .Alerts }}',
  '{{ printf "%x %X" 3.5 255 }}',
  '{{ printf "%6.3v|%.2s|%.0s|%5q" "abcdef" "日本語" "x" "y" }}',
  '{{ printf "%d %d" 9223372036854775807 -9223372036854775808 }}',
  '{{ 9223372036854775808 }}',
  '{{ printf "%v" 1e400 }}',
  // Parse errors.
  '{{',
  '{{ .Foo',
  '{{ .Foo\n\n',
  '{{/* x',
  '{{/* x */ x}}',
  '{{ "abc }}',
  '{{ `abc }}',
  "{{ 'a }}",
  "{{ 'ab' }}",
  "{{ '' }}",
  '{{ 3x }}',
  '{{ $x }}',
  '{{ foo }}',
  '{{ if }}{{end}}',
  '{{ if 1 }}',
  '{{ end }}',
  '{{ else }}',
  '{{ if 1 }}{{ else }}{{ else }}{{ end }}',
  '{{ with $x := 1 }}{{ $x }}{{end}}{{$x}}',
  '{{ 1 | 2 }}',
  '{{ 1 | "a" }}',
  '{{ (1).x }}',
  '{{ "a".x }}',
  '{{ break }}',
  '{{ range . }}{{ continue 1 }}{{end}}',
  '{{ range . }}{{ else }}{{ break }}{{end}}',
  '{{ 1.5e }}',
  "{{ '\\z' }}",
  '{{ "\\z" }}',
  '{{ ( }}',
  '{{ ) }}',
  '{{ (1) }}{{ )',
  '{{ .Foo. }}',
  '{{ @ }}',
  '{{ a@ }}',
  '{{ é }}',
  '{{ .a€ }}',
  '{{ define x }}{{end}}',
  '{{ template x }}',
  '{{ define "x" }}',
  '{{ if 1 }}{{ define "x" }}{{ end }}{{ end }}',
  '{{ 99999999999999999999 }}',
  '{{ 0x }}',
  '{{ 1__0 }}',
  '{{ .Foo }',
  '{{ $x := }}',
  '{{ $x = 1 }}',
  '{{ range $i, 1 }}{{ end }}',
  '{{ with $a, $b := 1 }}{{ end }}',
  '{{ 1 :}}',
  '{{ 1 | }}',
  '{{ | 1 }}',
  '{{}}',
  '{{ }}',
  '{{ - 1 }}',
  '{{ "a" "b" "c" "d" "e" "f" "g" "h" "i" "j" "k" }}',
  '{{ if 1 }}x{{ else if }}y{{ end }}',
  '{{ template "x" 1 2 }}',
  '{{ block "b" }}{{ end }}',
  'line1\nline2 {{ .Foo }}\n{{ foo }}',
  'line1\n{{ if 1 }}\n{{ .X',
];

const VALUES = [
  '0', '1', '-7', '42', '255', '65', '0x1F600', "'x'", '1000000',
  '0.0', '1.5', '-2.25', '0.1', '1e6', '1e-7', '123456.789', '3.14159', '1e21', '2.5', '0.000123',
  '"abc"', '""', '"héllo wörld"', '"a\\"b"', '"tab\\tx"', '"日本語"',
  'true', 'false', 'nil',
  '.Receiver', '.GroupLabels', '.CommonLabels.severity', '.CommonLabels.missing', '.ExternalURL',
  '(index .Alerts 0).Status', '(len .Alerts)',
];

const VERBS = 'vdsqxXfFeEgGtcobOUT%z';

/** A printf format with random flags, width, precision and verb. */
function format(rand: () => number, pick: <T>(xs: readonly T[]) => T): string {
  let f = '%';
  for (const flag of ['+', '-', '#', ' ', '0']) if (rand() < 0.15) f += flag;
  if (rand() < 0.35) f += String(Math.floor(rand() * 12));
  if (rand() < 0.35) f += '.' + (rand() < 0.8 ? String(Math.floor(rand() * 8)) : '');
  return f + pick([...VERBS]);
}

/** `count` generated templates: printf formats on assorted values, and builtins on assorted arguments. */
export function generatedTemplates(count: number, seed: number): string[] {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = rand();
    if (kind < 0.55) {
      const formats = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => format(rand, pick));
      const args = Array.from({ length: Math.floor(rand() * 4) }, () => pick(VALUES));
      out.push(`{{ printf ${JSON.stringify(formats.join('|'))} ${args.join(' ')} }}`);
    } else if (kind < 0.85) {
      const fn = pick(['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'and', 'or', 'not', 'len', 'index', 'slice', 'print', 'println', 'html', 'js', 'urlquery']);
      const args = Array.from({ length: Math.floor(rand() * 4) }, () => pick(VALUES));
      out.push(`{{ ${fn} ${args.join(' ')} }}`);
    } else {
      const value = pick(VALUES);
      out.push(pick([
        `{{ if ${value} }}T{{ else }}F{{ end }}`,
        `{{ with ${value} }}<{{ . }}>{{ else }}none{{ end }}`,
        // Go 1.22 added ranging over an integer; amtool's Go 1.19 rejects it.
        /^-?[0-9]+$|^0x|^'|^\(len/.test(value) ? `{{ ${value} }}` : `{{ range ${value} }}[{{ . }}]{{ else }}empty{{ end }}`,
        `{{ ${value} }}`,
        `{{ ${value} | print }}`,
      ]));
    }
  }
  return out;
}

const MUTATION_PIECES = ['{{', '}}', '{', '}', '-', ' ', '$', '.', '(', ')', '|', '"', '`', "'", ':=', '=', ',', '\n', 'end', 'else', 'if', '$x', '/*', '*/', '1', 'x'];

/** `count` variants of the hand-written templates, each with a few random insertions or deletions. */
export function mutatedTemplates(count: number, seed: number): string[] {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = pick(HAND_WRITTEN);
    const edits = 1 + Math.floor(rand() * 3);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(rand() * (text.length + 1));
      if (rand() < 0.4 && text.length > 0) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 3));
      else text = text.slice(0, at) + pick(MUTATION_PIECES) + text.slice(at);
    }
    out.push(text);
  }
  return out;
}
