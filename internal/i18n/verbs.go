package i18n

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Placeholders checks a translation of an interface string against
// English's, which is what the program's arguments follow, and returns
// what is wrong, or "". In a format (an English string with placeholders)
// a placeholder lost, added, renumbered or of another kind would print
// %!s(MISSING) or %!(EXTRA …) on the pages; a percent sign is %%. A plural
// string (forms between "|") may hold %d, the number, once a form, and
// besides it only what English's forms hold (a total, filled in by the
// listing's script); other text holds none.
func Placeholders(english, translation string) string {
	if strings.Contains(english, "|") {
		englishForm, _, _ := strings.Cut(english, "|")
		want := beside(englishForm)
		for form := range strings.SplitSeq(translation, "|") {
			if got := beside(form); !slices.Equal(got, want) {
				if len(want) == 0 {
					return fmt.Sprintf("a form of a plural string holds %q: each form may hold only %%d, the number, once", got[0])
				}
				return fmt.Sprintf("a form of a plural string holds %s beside %%d, English's %q holds %s: keep them as they are", list(got), english, list(want))
			}
		}
		return ""
	}
	want, _ := placeholders(english)
	if len(want) == 0 {
		// Text, not a format: printed as written, so a percent sign is
		// one; only what looks like a placeholder is a mistake.
		if m := textPlaceholder.FindString(translation); m != "" {
			return fmt.Sprintf("%q looks like a placeholder, but English's %q has none: this string takes no value", m, english)
		}
		return ""
	}
	got, bad := placeholders(translation)
	if bad != "" {
		return bad
	}
	if !slices.Equal(got, want) {
		return fmt.Sprintf("the placeholders are %s, English's %q has %s: keep each as it is (reorder them as %%[2]s, %%[1]s), or the page shows %%!s(MISSING)", list(got), english, list(want))
	}
	return ""
}

// beside is what a plural form holds besides %d, the number (which it
// may hold once, or not at all, as in Arabic's "one" form): the
// placeholders that the script filling it in replaces, such as the total
// of "%d entries of %s".
func beside(form string) []string {
	ps := textPlaceholder.FindAllString(strings.Replace(form, "%d", "", 1), -1)
	slices.Sort(ps)
	return ps
}

// textPlaceholder is what a string without placeholders must not hold.
var textPlaceholder = regexp.MustCompile(`%(\[\d*\])?[sdvq]`)

func list(ps []string) string {
	if len(ps) == 0 {
		return "none"
	}
	return strings.Join(ps, " ")
}

// placeholders are the argument a format string takes and its verb, as
// fmt reads it ("%[1]s", "%[2]d"), each once and in order of argument;
// bad says what fmt could not read.
func placeholders(s string) (out []string, bad string) {
	seen := map[string]bool{}
	arg := 1 // the next argument, counted from 1 as %[n] does
	add := func(verb rune) {
		p := "%[" + strconv.Itoa(arg) + "]" + string(verb)
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
		arg++
	}
	// index reads an explicit argument number, [n], at s[i:].
	index := func(i int) (int, bool) {
		if i >= len(s) || s[i] != '[' {
			return i, true
		}
		end := strings.IndexByte(s[i:], ']')
		n, err := strconv.Atoi(s[i+1 : i+max(end, 1)])
		if end < 0 || err != nil || n < 1 {
			return i, false
		}
		arg = n
		return i + end + 1, true
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		start := i
		i++
		for i < len(s) && strings.IndexByte("+-# 0", s[i]) >= 0 {
			i++
		}
		ok := true
		for range 2 { // width, then precision
			if i, ok = index(i); !ok {
				break
			}
			if i < len(s) && s[i] == '*' {
				add('*')
				i++
			}
			for i < len(s) && s[i] >= '0' && s[i] <= '9' {
				i++
			}
			if i >= len(s) || s[i] != '.' {
				break
			}
			i++
		}
		if ok {
			i, ok = index(i)
		}
		if !ok || i >= len(s) {
			return out, fmt.Sprintf("%q is not a placeholder: write %%s, %%d or %%[1]s, and %%%% for a percent sign", s[start:min(i+1, len(s))])
		}
		verb, size := utf8.DecodeRuneInString(s[i:])
		i += size - 1
		if verb == '%' {
			continue
		}
		if !strings.ContainsRune("sdvq", verb) {
			return out, fmt.Sprintf("%q is not a placeholder: write %%s, %%d or %%[1]s, and %%%% for a percent sign", s[start:i+1])
		}
		add(verb)
	}
	slices.Sort(out)
	return out, ""
}
