import { describe, expect, it } from 'vitest';
import { formatFloat } from '../../src/template/strconv-float.js';
import { sprint, sprintf, sprintln } from '../../src/template/go-format.js';
import { GoComplex } from '../../src/template/go-values.js';
import { render } from './helpers.js';

/** printf calls and what Go 1.19's fmt printed for them (recorded with amtool template render). */
const PRINTF_CASES: ReadonlyArray<[template: string, goOutput: string]> = [
  ["{{ printf \"%v|%d|%x|%X|%o|%O|%b|%c|%q|%U|%#U\" 65 65 65 65 65 65 65 65 65 65 65 }}", "65|65|41|41|101|0o101|1000001|A|'A'|U+0041|U+0041 'A'"],
  ["{{ printf \"%5d|%-5d|%05d|%+d|% d|%x|%#x|%#o|%.3d|%8.3d|%.0d|%08.3d\" 42 42 -42 42 42 -255 255 8 7 7 0 5 }}", "   42|42   |-0042|+42| 42|-ff|0xff|010|007|     007||     005"],
  ["{{ printf \"%v|%f|%.2f|%e|%E|%g|%G|%.3g|%10.2f|%-10.2f|%+.1e|%08.2f\" 3.14159 3.14159 3.14159 3.14159 3.14159 3.14159 3.14159 3.14159 3.14159 3.14159 3.14159 -3.14159 }}", "3.14159|3.141590|3.14|3.141590e+00|3.141590E+00|3.14159|3.14159|3.14|      3.14|3.14      |+3.1e+00|-0003.14"],
  ["{{ printf \"%v %v %v %v %v %v %v %v\" 1e6 1e-5 123456.0 1234567.0 0.0001 100.0 1e20 1e21 }}", "1e+06 1e-05 123456 1.234567e+06 0.0001 100 1e+20 1e+21"],
  ["{{ printf \"%.0f %.0f %.0f %.0f %.1f %.1f %.2f %.2f\" 0.5 1.5 2.5 -0.5 0.05 0.25 1.005 2.675 }}", "0 2 2 -0 0.1 0.2 1.00 2.67"],
  ["{{ printf \"%g %g %e %.3e %.10f %f\" 5e-324 1.7976931348623157e308 0.0 9.9995 0.1 1e15 }}", "5e-324 1.7976931348623157e+308 0.000000e+00 9.999e+00 0.1000000000 1000000000000000.000000"],
  ["{{ printf \"%s|%v|%q|%x|%X|% x|%#x|%10s|%-10s|%.2s|%5.1s|%q\" \"héllo\" \"héllo\" \"héllo\" \"héllo\" \"héllo\" \"héllo\" \"héllo\" \"héllo\" \"héllo\" \"héllo\" \"héllo\" \"a\\tb\\\"c\\\\\" }}", "héllo|héllo|\"héllo\"|68c3a96c6c6f|68C3A96C6C6F|68 c3 a9 6c 6c 6f|0x68c3a96c6c6f|     héllo|héllo     |hé|    h|\"a\\tb\\\"c\\\\\""],
  ["{{ printf \"%t|%v|%5t|%-6t|%d\" true false true false true }}", "true|false| true|false |%!d(bool=true)"],
  ["{{ printf \"%v|%s|%d|%q\" nil nil nil nil }}", "<nil>|%!s(<nil>)|%!d(<nil>)|%!q(<nil>)"],
  ["{{ printf \"%!|%z|%-|%.|%5\" 1 2 3 4 }}", "%!!(int=1)|%!z(int=2)|%!|(int=3)%!|(int=4)%!(NOVERB)"],
  ["{{ printf \"%d %d %d\" 1 2 }}", "1 2 %!d(MISSING)"],
  ["{{ printf \"%d\" 1 2 3.5 \"s\" nil }}", "1%!(EXTRA int=2, float64=3.5, string=s, <nil>)"],
  ["{{ printf \"%[2]s %[1]s|%[3]d|%[0]d|%[x]d|%[1]*d|%.[2]f\" \"a\" \"b\" }}", "b a|%!d(BADINDEX)|%!d(BADINDEX)|%!d(BADINDEX)|%!(BADWIDTH)%!d(string=b)|%!f(string=)"],
  ["{{ printf \"%*d|%-*d|%.*f|%*s|%.*s\" 4 7 4 7 2 3.14159 \"x\" \"y\" -3 \"abc\" }}", "   7|7   |3.14|%!(BADWIDTH)y|%!(BADPREC)abc"],
  ["{{ printf \"%T %T %T %T %T %T\" 1 1.5 \"s\" true nil 2i }}", "int float64 string bool <nil> complex128"],
  ["{{ printf \"%v %.2v %10.3v %x %X %b\" 2i 1.5 1234.5678 1.0 255.5 1.0 }}", "(0+2i) 1.5   1.23e+03 0x1p+00 0X1.FFP+07 4503599627370496p-52"],
  ["{{ printf \"%x %X %#x %.2x %x\" 0.1 -1.5 1.0 3.14159 1e-320 }}", "0x1.999999999999ap-04 -0X1.8P+00 0x1.0000p+00 0x1.92p+01 0x1.fap-1064"],
  ["{{ printf \"%c|%c|%c|%q|%q|%+q|%#q|%U\" 0x1F600 -1 0xD800 0x1F600 0x7 0xe9 0x60 0x110000 }}", "😀|�|�|'😀'|'\\a'|'\\u00e9'|'`'|U+110000"],
  ["{{ printf \"%6.2q|%-8q|%08q|%+q|%#q|%#+q\" \"ab\" \"ab\" \"ab\" \"日本\" \"a`b\" \"日本\" }}", "  \"ab\"|\"ab\"    |0000\"ab\"|\"\\u65e5\\u672c\"|\"a`b\"|`日本`"],
  ["{{ printf \"%05s|%-05s|%05q|%5x|%-5x|%#5x|% 8x\" \"ab\" \"ab\" \"ab\" \"ab\" \"ab\" \"ab\" \"ab\" }}", "000ab|ab   |0\"ab\"| 6162|6162 |0x6162|   61 62"],
  ["{{ printf \"%#v %#v %#v %#v %#v %+v\" 1 1.5 \"s\" true nil 1e6 }}", "1 1.5 \"s\" true <nil> 1e+06"],
  ["{{ printf \"%%|%5%|%-5%|%d%%\" 50 }}", "%|%|%|50%"],
  ["{{ printf \"%e %E %.0e %#.0e %#g %#.4g %#v\" 1e100 1e-100 15.0 15.0 1.0 1.0 1.0 }}", "1.000000e+100 1.000000E-100 2e+01 2.e+01 1.00000 1.000 1"],
  ["{{ printf \"%+.3g %+v % v % .2f %+x\" 1.0 -1.5 2.0 -2.5 10 }}", "+1 -1.5  2 -2.50 +a"],
  ["{{ printf \"%v %d %x\" 9223372036854775807 -9223372036854775808 -1 }}", "9223372036854775807 -9223372036854775808 -1"],
];

describe('Go fmt verbs', () => {
  it.each(PRINTF_CASES)('%s', (template, goOutput) => {
    expect(render(template)).toBe(goOutput);
  });
});

describe('strconv.FormatFloat', () => {
  it.each([
    [1234.5678, 'e', 3, '1.235e+03'],
    [1234.5678, 'f', 0, '1235'],
    [0.000012345, 'g', 3, '1.23e-05'],
    [100, 'g', 3, '100'],
    [1e21, 'g', -1, '1e+21'],
    [123456789, 'g', -1, '1.23456789e+08'],
    [0.1 + 0.2, 'g', -1, '0.30000000000000004'],
    [0.0078125, 'f', 6, '0.007812'],
    [0.5, 'f', 0, '0'],
    [1.5, 'f', 0, '2'],
    [-0, 'g', -1, '-0'],
    [-0, 'e', 2, '-0.00e+00'],
    [5e-324, 'e', -1, '5e-324'],
    [1, 'b', -1, '4503599627370496p-52'],
    [1, 'x', -1, '0x1p+00'],
    [3, 'X', 2, '0X1.80P+01'],
    [NaN, 'g', -1, 'NaN'],
    [-Infinity, 'f', 2, '-Inf'],
  ] as const)('%s %s %s', (v, fmt, prec, expected) => {
    expect(formatFloat(v, fmt, prec)).toBe(expected);
  });
});

describe('Sprint, Sprintln and composite values', () => {
  it('spaces operands as fmt.Sprint and fmt.Sprintln do', () => {
    expect(sprint(['a', 1n, 2n, 'b', 1.5, null, 'c'])).toBe('a1 2b1.5 <nil>c');
    expect(sprintln(['a', 1n])).toBe('a 1\n');
  });

  it('prints slices, maps and complex numbers with the verb applied inside', () => {
    expect(sprintf('%v|%d|%x|%q', [[1n, 'a'], [1n, 2n], { k: 'ab' }, ['x', null]])).toBe('[1 a]|[1 2]|map[6b:6162]|["x" <nil>]');
    expect(sprintf('%#v|%#v', [{ b: 1n, a: 'x' }, ['x', 2n]])).toBe('map[string]interface {}{"a":"x", "b":1}|[]interface {}{"x", 2}');
    expect(sprintf('%.1f|%v', [new GoComplex(1.25, -2), new GoComplex(0, 0)])).toBe('(1.2-2.0i)|(0+0i)');
  });
});
