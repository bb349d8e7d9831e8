package front_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/tools/txtar"

	"github.com/timelinegen/timelinegen/internal/benchsite"
	"github.com/timelinegen/timelinegen/internal/front"
	"github.com/timelinegen/timelinegen/internal/importer"
)

// sameAsYAMLv3 reports whether the fast decoder took raw, and fails t if
// what it gave is not what yaml.v3 gives.
func sameAsYAMLv3(t *testing.T, name string, raw []byte, first int) bool {
	t.Helper()
	if !utf8.Valid(raw) {
		return false // Split and DecodeYAML reject it before decoding
	}
	fast, ok := front.FastYAML(raw, first)
	if !ok {
		return false
	}
	slow, err := front.YAMLv3(raw, first)
	if err != nil {
		t.Errorf("%s: the fast decoder took what yaml.v3 rejects (%v):\n%s", name, err, raw)
		return true
	}
	if !reflect.DeepEqual(fast, slow) {
		f, _ := json.Marshal(fast)
		s, _ := json.Marshal(slow)
		t.Errorf("%s: the fast decoder gave\n%s\nyaml.v3 gave\n%s\nfor\n%s", name, f, s, raw)
	}
	return true
}

// corpus counts the frontmatter blocks of a corpus and those the fast
// decoder took.
type corpus struct{ blocks, fast int }

func (c *corpus) article(t *testing.T, name string, src []byte) {
	if raw, first, ok := front.YAMLBlock(src); ok {
		c.blocks++
		if sameAsYAMLv3(t, name, raw, first) {
			c.fast++
		}
	}
}

func (c *corpus) file(t *testing.T, name string, data []byte) {
	switch filepath.Ext(name) {
	case ".md":
		c.article(t, name, data)
	case ".yaml", ".yml":
		c.blocks++
		if sameAsYAMLv3(t, name, data, 1) {
			c.fast++
		}
	case ".txtar":
		for _, f := range txtar.Parse(data).Files {
			c.file(t, name+":"+f.Name, f.Data)
		}
	case ".go":
		// The tests' sites: txtar archives and articles in string literals.
		file, err := parser.ParseFile(token.NewFileSet(), name, data, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			switch {
			case err != nil:
			case strings.Contains(s, "\n-- ") || strings.HasPrefix(s, "-- "):
				c.file(t, name+".txtar", []byte(s))
			case strings.HasPrefix(strings.TrimLeft(s, " \n"), "---\n"):
				c.article(t, name, []byte(s))
			}
			return true
		})
	}
}

// TestFastYAMLOnEveryCorpus decodes every frontmatter block and YAML file
// of the repository (the sample site, the tests' sites, the scaffold's
// templates), of a generated benchmark site and of an ACLED import both
// ways, and requires the same Node wherever the fast decoder takes one.
// It must take every block timelinegen itself writes.
func TestFastYAMLOnEveryCorpus(t *testing.T) {
	var repo corpus
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "node_modules", "public", ".timelinegen", "bin":
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && strings.Contains(".md .yaml .yml .txtar .go", filepath.Ext(p)) && filepath.Ext(p) != "" {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			repo.file(t, rel, data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if repo.blocks < 200 {
		t.Fatalf("only %d blocks found in the repository", repo.blocks)
	}
	t.Logf("repository: %d of %d blocks decoded fast", repo.fast, repo.blocks)

	var generated corpus
	for name, data := range benchsite.Files(benchsite.Options{Articles: 1000}) {
		generated.file(t, name, data)
	}
	if generated.fast != generated.blocks || generated.blocks < 1000 {
		t.Errorf("benchmark site: %d of %d articles decoded fast, want all", generated.fast, generated.blocks)
	}

	var imported corpus
	for name, data := range acledArticles(t, 2000) {
		imported.file(t, name, data)
	}
	if imported.fast != imported.blocks || imported.blocks < 1000 {
		t.Errorf("ACLED import: %d of %d articles decoded fast, want all", imported.fast, imported.blocks)
	}
}

// acledArticles imports a generated ACLED sheet of n events into a new
// site and gives its articles by name.
func acledArticles(t *testing.T, n int) map[string][]byte {
	t.Helper()
	var sheet bytes.Buffer
	if err := benchsite.WriteACLED(&sheet, benchsite.ACLEDOptions{Events: n, Places: 200}); err != nil {
		t.Fatal(err)
	}
	res, err := importer.Convert(&sheet, importer.Options{Format: importer.ACLED})
	if err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	if err := importer.Write(site, res, importer.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	err = filepath.WalkDir(filepath.Join(site, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files[p], err = os.ReadFile(p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// FuzzFastYAML: whatever the fast decoder takes, yaml.v3 takes too, and
// decodes to the same Node.
func FuzzFastYAML(f *testing.F) {
	for _, s := range []string{
		"title: \"Talks in Jeddah\"\ndate: 2025-03-11\nkind: diplomatic\nactors: [Ukraine, \"United States\"]\n",
		"location: {name: Kyiv, lat: 50.45, lon: -30.52}\nsources:\n  - {title: A, url: \"https://x.example/a#b\"}\n  - title: B\n    date: 2025-03\n",
		"events:\n- id: e1\n  date: 2025-03-11\n  casualties: {killed: 4, injured: 0x1F}\n- id: e2\n  tags: []\n",
		"# a comment\ntitle: 'it''s'   # and another\nsummary: a:b, c#d\nstatus: ~\n",
		"title: x\nsummary: runs on\n  the next line\n",
		"a: 1_000\nb: .5\nc: +.inf\nd: 0o17\ne: -0b101\nf: 1e3\ng: 2025-1-2\nh: 2025-02-30\ni: 12:30\n",
		"  title: indented\n  kind: x\n",
		"list:\n- a\n- - b\n",
		"m: {a: 1,}\nn: [a,]\n",
		"q: \"a\\\"b\\\\c\\/d\"\nr: \"a\\\"b\\\\c\"\n",
		"title: Київ — Київська область\nactors: [\"Збройні сили України\", Росія]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		sameAsYAMLv3(t, "input", raw, 2)
	})
}

// TestFastYAMLOnNearMisses decodes documents made at random of lines
// that are, or nearly are, what frontmatter holds: indents, dashes, keys,
// colons and values that yaml.v3 reads in ways easy to get wrong. A fixed
// seed, so that a failure comes back; FASTYAML_DOCS asks for more.
func TestFastYAMLOnNearMisses(t *testing.T) {
	n := 20000
	if v, err := strconv.Atoi(os.Getenv("FASTYAML_DOCS")); err == nil {
		n = v
	}
	keys := []string{"title", "a", "b-c", "_x", "y", "null", "2a", "<<", "a b", "\"q\"", ""}
	colons := []string{": ", ":  ", ": # c", ":", " : ", ""}
	values := []string{"x", "x y", "\"q\"", "'s''t'", "[a, b]", "{a: 1}", "~", "null", "1_0", "0x1F", ".5", "-1", "-.5",
		"2025-02-30", "2025-1-2", "a #c", "a#c", "a:b", "\"a\\\"b\"", "Київ", "[Київ, \"Львів\"]",
		"{name: Київ, lat: 50.4, lon: -30.1}", "x  ", "[ a , b ]", "{ a: 1 , b: 2 }", "[]", "{}", "[[a]]",
		"{a: [b]}", "2025-03-11T10:00:00Z", "+1", "0o7", "-0b1", "1e3", ".inf", "true", "Yes", "[a b, c]",
		"{a: b c}", "[\"a\", 'b']", "{a: \"x\"}", "[ ]", "{ }", "a [b]", "a, b", "[a] # c", "\"x\" # c",
		"[-1, .5]", "{a: ~}", "a: b", "a:", "[a,]", "{a:1}", "\"a\\tb\"", "'a", "\"a", "[a, {b: c}]", "- x",
		"? x", "&a x", "*a", "!t x", "|", ">", "# c", "", " x ", "<<", "[a, ]", "{a: 1}x", "\"x\"y", "@x", "`x",
		"%x", "-x", ":x", "x\\", "[a:b]", "{a: b:c}", "[?]"}
	r := rand.New(rand.NewPCG(1, 2))
	// pick is usually one of the first, well-formed, parts.
	pick := func(s []string, good int) string {
		if r.IntN(10) < 9 {
			return s[r.IntN(good)]
		}
		return s[r.IntN(len(s))]
	}
	var lines []string
	var mapping func(indent, first string, depth int)
	var list func(indent string, depth int)
	value := func(indent, line string, depth int) {
		switch k := r.IntN(8); {
		case k < 5 || depth > 3:
			lines = append(lines, line+pick(colons, 1)+pick(values, 52))
		case k == 5:
			lines = append(lines, line+":")
			mapping(indent+pick([]string{"  ", "    ", " "}, 2), "", depth+1)
		default:
			lines = append(lines, line+":")
			list(indent+pick([]string{"  ", "", "    "}, 2), depth+1)
		}
	}
	// mapping writes keys at indent, the first after first ("- ").
	mapping = func(indent, first string, depth int) {
		for i := range 1 + r.IntN(4) {
			at := indent
			if i == 0 {
				at = first
			}
			value(indent, at+pick(keys, 6), depth)
		}
	}
	list = func(indent string, depth int) {
		for range 1 + r.IntN(3) {
			if r.IntN(3) == 0 && depth < 4 {
				mapping(indent+"  ", indent+"- ", depth+1)
			} else {
				lines = append(lines, indent+"- "+pick(values, 52))
			}
		}
	}
	fast := 0
	for i := range n {
		lines = lines[:0]
		mapping("", "", 0)
		// A slip of the editor's hand, now and then.
		for range r.IntN(2) {
			j := r.IntN(len(lines))
			switch r.IntN(4) {
			case 0:
				lines[j] = " " + lines[j]
			case 1:
				lines[j] = strings.TrimPrefix(lines[j], " ")
			case 2:
				lines = slices.Insert(lines, j, "# c")
			default:
				lines = slices.Insert(lines, j, "")
			}
		}
		if sameAsYAMLv3(t, fmt.Sprintf("document %d", i), []byte(strings.Join(lines, "\n")+"\n"), 2) {
			fast++
		}
		if t.Failed() {
			return
		}
	}
	t.Logf("%d of %d documents decoded fast", fast, n)
	if fast < n/10 {
		t.Errorf("only %d of %d documents decoded fast: the test no longer tests it", fast, n)
	}
}
