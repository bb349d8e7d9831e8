package searchtext

import (
	"bufio"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/timelinegen/timelinegen/internal/browsertest"
	"golang.org/x/text/unicode/norm"

	"github.com/timelinegen/timelinegen/internal/testenv"
)

// root is the repository, from this package's folder.
const root = "../.."

var langs = []string{"en", "ru", "uk"}

// browser is static/js/search.js running under Node.js (testdata/browser.js).
type browser struct {
	in  io.WriteCloser
	out *bufio.Reader
}

// answer is the browser's tokens of one text in each language, and those
// code points of the text that Node's Unicode assigns and Go's does not.
type answer struct {
	En, Ru, Uk []string
	Newer      []rune
}

func (a answer) tokens(lang string) []string {
	switch lang {
	case "ru":
		return a.Ru
	case "uk":
		return a.Uk
	}
	return a.En
}

func nodePath(t testing.TB) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		browsertest.Require(t, "Node.js", "apt-get install -y nodejs")
	}
	return node
}

func startBrowser(t testing.TB, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(nodePath(t), append([]string{filepath.Join("testdata", "browser.js"), filepath.Join(root, "static", "js")}, args...)...)
	cmd.Stderr = os.Stderr
	return cmd
}

// newBrowser starts one Node.js for the test.
func newBrowser(t testing.TB) *browser {
	t.Helper()
	cmd := startBrowser(t)
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		in.Close()
		cmd.Wait()
	})
	return &browser{in: in, out: bufio.NewReaderSize(out, 1<<16)}
}

// asJSON is s as the browser receives it in JSON: each byte that is not
// valid UTF-8 is U+FFFD, as encoding/json writes it.
func asJSON(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r)
	}
	return b.String()
}

// unassigned is the code points of s that Go's Unicode tables do not assign.
func unassigned(s string) []rune {
	var out []rune
	for _, r := range s {
		if !unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z,
			unicode.Cc, unicode.Cf, unicode.Co, unicode.Cs) && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// ask sends texts and reads their answers, writing while it reads so that
// neither pipe fills.
func (b *browser) ask(t testing.TB, texts []string) []answer {
	t.Helper()
	errc := make(chan error, 1)
	go func() {
		w := bufio.NewWriter(b.in)
		enc := json.NewEncoder(w)
		for _, s := range texts {
			check := unassigned(s)
			if check == nil {
				check = []rune{}
			}
			if err := enc.Encode(map[string]any{"s": s, "check": check}); err != nil {
				errc <- err
				return
			}
		}
		errc <- w.Flush()
	}()
	out := make([]answer, len(texts))
	for i := range texts {
		line, err := b.out.ReadBytes('\n')
		if err != nil {
			t.Fatalf("node: %v", err)
		}
		if err := json.Unmarshal(line, &out[i]); err != nil {
			t.Fatalf("node: %v: %s", err, line)
		}
	}
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	return out
}

// compare checks Tokens against the browser's answers for texts and says
// how many differ only by characters newer than Go's Unicode.
func compare(t testing.TB, texts []string, answers []answer) (newer int) {
	t.Helper()
	for i, s := range texts {
		a := answers[i]
		differs := false
		for _, lang := range langs {
			got, want := Tokens(s, Stemmer(lang)), a.tokens(lang)
			if !slices.Equal(got, want) {
				differs = true
				if len(a.Newer) == 0 {
					t.Errorf("%s: Tokens(%+q)\n  Go      %+q\n  browser %+q", lang, s, got, want)
				}
			}
		}
		if differs && len(a.Newer) > 0 {
			newer++
		}
	}
	return newer
}

// hardCases are the texts where Go and JavaScript part ways most easily;
// they are also the fuzzer's seed corpus (testdata/fuzz).
var hardCases = []string{
	// Greek: final sigma, at a word's end, before punctuation, alone, in the middle.
	"ΟΔΟΣ", "ΟΔΟΣ.", "Σ", "ΑΣ ΣΑ", "ΑΣ'Α", "ΑΣ\u0301", "ΑΣ\u0301Α", "Α.Σ", "ʰΣ", "ΑʰΣ", "ΑΣʰ", "ΑΣ\u00adΒ", "ΟΔΟΣ·ΟΔΟΣ", "Ὀδυσσεύς ΣΩΚΡΑΤΗΣ",
	// Turkish dotted and dotless i, German sharp s, ligatures, full width.
	"İSTANBUL İstanbul ıstakoz", "İ", "Iİı", "STRASSE Straße ẞ", "ﬁnance ﬀ ﬃ Ǆ ǅ ǆ Ĳ", "ＡＢＣ１２３ ａｂｃ", "①②③ ⅫⅯ ½ ²",
	// Combining marks in each range of MARKS and outside them.
	"e\u0301 e\u0308 a\u0300", "a\u1ab0 a\u1aff a\u1dc0 a\u1dff", "a\u20d0 a\u20e3 a\u20ff x\ufe20 x\ufe2f",
	"\u0301", "a\u0483 и\u0487", "a\u0591 a\u064b", "e\u0301\u0327\u0323", "a\u0345", "Ⓐ ⓐ ⒜",
	// Apostrophes of each kind, and look-alikes that are not.
	"Kyiv's Kyiv’s Kyivʼs Kyivʹs Kyiv`s", "перемир'я перемирʼя перемир’я перемир‘я", "'quoted' ‘quoted’", "l'Ukraine d’Odessa",
	// Arabic, Hebrew, Devanagari, Thai, CJK, Hangul.
	"كِتَابٌ الْعَرَبِيَّة", "שָׁלוֹם עִבְרִית", "हिन्दी देवनागरी क़", "ภาษาไทย", "中文 日本語 カタカナ ｶﾀｶﾅ", "한국어 \u1100\u1161\u11a8",
	// Emoji and letters outside the Basic Multilingual Plane.
	"🇺🇦 👍🏽 ❤️ 1️⃣ #️⃣", "𝐀𝐁𝐂 𝒜 𝔸", "𐐀𐐁 𐐨", "київ𝐀 𝐀київ 𝐀кия 𝐀𝐀ами", "𓀀 𠀀 𝟘𝟙",
	// ё й ї ґ and є і in both cases, Russian and Ukrainian forms.
	"Ёлка ёлка ЁЛКА Йод йод Їжак їжак Ґанок ґанок Єва Іван", "ЙЁЇҐЄІЎЃЌЍЀ", "е\u0308лка и\u0306од і\u0308жак",
	"Києві Львові Харкові переговорів Росії", "Соединёнными вооружённых огнём",
	"Ђорђе Љубљана Њујорк Ћирилица Џеп Ѕвезда Ѓорѓи Ќерка Ѝ Ѐ Ў ў ЇЇ ЄЄ", "Ӏ ӏ Ӂ Ҙ ҙ Ѣ ѣ Ѳ Ѵ ѷ", "𝐀кая 𝐀ка 𝐀ам ки𝐀ів",
	// Mixed scripts and digits.
	"Kиїв Kиev 2025р 24-го 1/2 3.14 COVID-19", "kyïv Zürich São Paulo Ærø Øresund Łódź",
	// Separators: dashes, quotes, spaces of every kind, controls.
	"a—b a–b «a» „a“ a\u00a0b a\u2009b a\u202fb a\u200bb a\u200db a\tb\nc\rd", "a\u00adb a\u2028b a\ufeffb",
	// Invalid UTF-8 (the browser sees U+FFFD).
	"a\xffb", "\xd0", "ки\xd0ї", "\xe2\x82", "Σ\xff",
	// Composition across what is taken out or split: NFC runs before both.
	"e'\u0301 e’\u0308", "a=\u0338b", "и\u0306 і\u0308 Σ\u0301 ΑΣ\u0301", "\u1100 \u1161 \u1100\u1161",
	// Runs of more than 30 marks, which x/text's norm would cut with U+034F.
	"a" + strings.Repeat("\u0301", 40) + " b" + strings.Repeat("\u0483", 40) + " c" + strings.Repeat("\u0301\u0323", 20),
	"київ" + strings.Repeat("\u0489\u0306", 17) + "ами Z̸̡̛̙̞̙̳̝̬̜̲̫̖̞͕̺̠̜̻̺̖̠̦̬̦̖̘̗̬͚̰̝͎̯͉̰̲͍̝̦̜͓̙͙̼̳͔̪͙͈̓̋̌̿̅̑̓̀̎̀̒̀̆̑̊̿̊̆̾͊͒͗̽͑̋̿̒͐͛͘̚͠͝ͅA̴",
	"ש" + strings.Repeat("\u05b0\u05b4\u05bc", 12) + "ה " + strings.Repeat("\u0301", 31) + "ΑΣ" + strings.Repeat("\u0301", 35),
	// Nothing.
	"", " ", "''", "\u0301\u0301",
}

// texts is every line and every word of the repository's Markdown, YAML,
// CSV and txtar files under content/ and internal/**/testdata, and the
// vocabularies of internal/export/stem_test.go.
func texts(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, dir := range []string{"content", "internal"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			switch filepath.Ext(p) {
			case ".md", ".yaml", ".yml", ".csv", ".txtar":
				if dir == "content" || strings.Contains(p, string(filepath.Separator)+"testdata"+string(filepath.Separator)) {
					files = append(files, p)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	files = append(files, filepath.Join(root, "internal", "export", "stem_test.go"))
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			add(line)
			for _, w := range strings.Fields(line) {
				add(w)
			}
		}
	}
	if len(files) < 20 || len(out) < 1000 {
		t.Fatalf("only %d files and %d texts: is the repository there?", len(files), len(out))
	}
	return out
}

// TestTokensMatchBrowser compares Tokens with search.js's tokenize on the
// repository's texts and the hard cases, in English, Russian and Ukrainian.
func TestTokensMatchBrowser(t *testing.T) {
	b := newBrowser(t)
	all := append(texts(t), hardCases...)
	for _, s := range hardCases {
		all = append(all, asJSON(s))
	}
	if newer := compare(t, all, b.ask(t, all)); newer > 0 {
		t.Errorf("%d of the repository's texts differ by characters newer than Unicode %s", newer, unicode.Version)
	}
	t.Logf("%d texts compared", len(all))
}

// TestInvalidUTF8IsReplacementCharacter checks that Tokens reads a bad
// byte as U+FFFD, as the browser does once the text is JSON.
func TestInvalidUTF8IsReplacementCharacter(t *testing.T) {
	for _, s := range hardCases {
		sameAsJSON(t, s)
	}
}

func sameAsJSON(t *testing.T, s string) {
	t.Helper()
	for _, lang := range langs {
		if got, want := Tokens(s, Stemmer(lang)), Tokens(asJSON(s), Stemmer(lang)); !slices.Equal(got, want) {
			t.Errorf("%s: Tokens(%+q) = %+q, but %+q once it is valid", lang, s, got, want)
		}
	}
}

// record is browser.js's record of one code point: whether it is a letter,
// number or mark; its lowercase, NFKD and NFC; and the lowercase of a Σ
// after it and before it, which says whether it is cased or
// case-ignorable to Final_Sigma.
func record(c string) string {
	b, _ := json.Marshal([]any{
		isWordRune([]rune(c)[0]), toLower(c), norm.NFKD.String(c), norm.NFC.String(c),
		toLower("AΣ" + c), toLower("AΣ" + c + "A"), toLower(c + "Σ"), toLower("A" + c + "Σ"),
	})
	return string(b)
}

// TestEveryCodePointMatchesBrowser compares, for each of Unicode's code
// points, what Tokens is built on with what the browser does: which runes
// are of a word, the lowercase (with Final_Sigma's context), NFKD and NFC.
// The only differences allowed are in characters Go's Unicode does not yet
// assign; they are counted in the log.
func TestEveryCodePointMatchesBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("every code point: not in -short")
	}
	if testenv.Race {
		// A million code points on one goroutine take half a minute
		// under -race: make test runs it without.
		t.Skip("runs without -race")
	}
	out, err := startBrowser(t, "codepoints").Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	type browserRecord struct {
		assigned bool
		record   string
	}
	browserSide := map[rune]browserRecord{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.SplitN(line, "\t", 3)
		cp, err := strconv.Atoi(f[0])
		if len(f) != 3 || err != nil {
			t.Fatalf("node: %q", line)
		}
		// Go's JSON escapes what JavaScript's does not: read and write it again.
		var v []any
		if err := json.Unmarshal([]byte(f[2]), &v); err != nil {
			t.Fatalf("node: %v: %q", err, line)
		}
		again, _ := json.Marshal(v)
		browserSide[rune(cp)] = browserRecord{f[1] == "1", string(again)}
	}
	newer, compared := 0, 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if 0xD800 <= r && r <= 0xDFFF {
			continue
		}
		c := string(r)
		got := ""
		if isWordRune(r) || unicode.ToLower(r) != r || r == 'Σ' || cased(r) || caseIgnorable(r) ||
			!norm.NFKD.IsNormalString(c) || !norm.NFC.IsNormalString(c) {
			got = record(c)
		}
		want, ok := browserSide[r]
		if !ok {
			d, _ := json.Marshal([]any{false, c, c, c, "aς" + c, "aς" + c + "a", c + "σ", "a" + c + "σ"})
			want.record = string(d)
		}
		if got == "" {
			got = want.record
			if ok {
				got = record(c)
			}
		}
		compared++
		if got == want.record {
			continue
		}
		if want.assigned && len(unassigned(c)) > 0 {
			newer++
			continue
		}
		t.Errorf("U+%04X %s:\n  Go      %s\n  browser %s", r, c, got, want.record)
	}
	t.Logf("%d code points compared; %d differ as characters assigned after Unicode %s (Node.js has %s)", compared, newer, unicode.Version, nodeUnicode(t))
}

func nodeUnicode(t *testing.T) string {
	out, err := exec.Command(nodePath(t), "-p", "process.versions.unicode").Output()
	if err != nil {
		return "an unknown version"
	}
	return "Unicode " + strings.TrimSpace(string(out))
}

// FuzzTokensMatchBrowser compares Tokens with search.js's tokenize on any
// text, through one Node.js for the whole run.
func FuzzTokensMatchBrowser(f *testing.F) {
	b := newBrowser(f)
	f.Fuzz(func(t *testing.T, s string) {
		sameAsJSON(t, s)
		v := asJSON(s)
		if newer := compare(t, []string{v}, b.ask(t, []string{v})); newer > 0 {
			t.Skipf("%+q has characters newer than Go's Unicode %s", v, unicode.Version)
		}
	})
}
