package pages

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// docs/theme.md documents every field of every view a template can reach
// from a Page, each under the heading of its type: a field added to a view
// and not documented fails here.
func TestThemeDocCoversEveryViewField(t *testing.T) {
	doc, err := os.ReadFile("../../docs/theme.md")
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string]string{}
	for _, part := range strings.Split(string(doc), "\n### ")[1:] {
		name, body, _ := strings.Cut(part, "\n")
		sections[strings.TrimSpace(name)] = body
	}
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(ty reflect.Type) {
		for ty.Kind() == reflect.Pointer || ty.Kind() == reflect.Slice {
			ty = ty.Elem()
		}
		if ty.Kind() != reflect.Struct || ty.PkgPath() != reflect.TypeFor[Page]().PkgPath() || seen[ty] {
			return
		}
		seen[ty] = true
		body, ok := sections[ty.Name()]
		if !ok {
			t.Errorf("docs/theme.md has no section ### %s", ty.Name())
		}
		for i := range ty.NumField() {
			f := ty.Field(i)
			if !f.IsExported() {
				continue
			}
			if ok && !strings.Contains(body, "`"+f.Name+"`") {
				t.Errorf("docs/theme.md, ### %s: field %s is not documented", ty.Name(), f.Name)
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeFor[Page]())
	if len(seen) < 10 {
		t.Fatalf("walked %d view types only", len(seen))
	}
}
