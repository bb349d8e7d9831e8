package build_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestMakeTestNamesTestsThatExist reads the Makefile's lists of tests
// that make test runs apart (BUILD_RACE under -race, WHOLE without it):
// a test renamed or removed would drop out of that run without a word.
func TestMakeTestNamesTestsThatExist(t *testing.T) {
	mk, err := os.ReadFile("../../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	for _, list := range []struct{ name, pkgVar string }{{"BUILD_RACE", ""}, {"WHOLE", "WHOLE_PKG"}} {
		// go test -run finds a name anywhere in a test's, unless anchored.
		names := makeVar(t, mk, list.name)
		anchored := strings.HasPrefix(names, "^(")
		names = strings.TrimSuffix(strings.TrimPrefix(names, "^("), ")$$")
		dirs := []string{"."}
		if list.pkgVar != "" {
			dirs = nil
			for _, p := range strings.Fields(makeVar(t, mk, list.pkgVar)) {
				dirs = append(dirs, filepath.Join("../..", p))
			}
		}
		var have []string
		for _, dir := range dirs {
			have = slices.AppendSeq(have, maps.Keys(testFuncs(t, dir)))
		}
		for _, name := range strings.Split(names, "|") {
			re := regexp.MustCompile(name)
			if anchored {
				re = regexp.MustCompile("^" + name + "$")
			}
			if !slices.ContainsFunc(have, re.MatchString) {
				t.Errorf("the Makefile's %s names %s, a test of none of %v", list.name, name, dirs)
			}
		}
	}
}

// makeVar is the value of a variable the Makefile sets with :=.
func makeVar(t *testing.T, mk []byte, name string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^` + name + ` *:= *(.*)$`).FindSubmatch(mk)
	if m == nil {
		t.Fatalf("the Makefile sets no %s", name)
	}
	return strings.TrimSpace(string(m[1]))
}

// testFuncs is the Test functions of the package in dir.
func testFuncs(t *testing.T, dir string) map[string]bool {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("%s: no test files (%v)", dir, err)
	}
	out := map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range files {
		af, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range af.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && strings.HasPrefix(fd.Name.Name, "Test") {
				out[fd.Name.Name] = true
			}
		}
	}
	return out
}
