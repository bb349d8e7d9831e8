package htmlexec_test

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/htmlexec"
)

type page struct {
	Title  string
	Count  int
	Tags   []string
	Items  []item
	Entry  *item
	None   *item
	Words  map[string]string
	Any    any
	HTML   template.HTML
	URL    template.URL
	hidden string
}

type item struct {
	Name string
	Lang string
}

func (i item) Upper() string            { return strings.ToUpper(i.Name) }
func (i *item) Greet(to string) string  { return i.Name + " greets " + to }
func (i item) Fails() (string, error)   { return "", errors.New("fails") }
func (p *page) Pair(a, b string) string { return a + "+" + b }

// Badge is answered by HTMLMethod too, as htmlexec asks for it.
func (i *item) Badge() template.HTML {
	return template.HTML("<b>" + template.HTMLEscapeString(i.Name) + "</b>")
}
func (i *item) HTMLMethod(name string) (template.HTML, bool) {
	if name != "Badge" {
		return "", false
	}
	return i.Badge(), true
}

var funcs = template.FuncMap{
	"upper": strings.ToUpper,
	"bold":  func(s string) template.HTML { return template.HTML("<b>" + template.HTMLEscapeString(s) + "</b>") },
	"join":  strings.Join,
	"tf": func(format string, args ...any) template.HTML {
		return template.HTML(fmt.Sprintf(template.HTMLEscapeString(format), args...))
	},
	"pair": func(a string, b int) string { return fmt.Sprint(a, b) },
}

func data() *page {
	return &page{
		Title:  `Talks & "truce" <in> Istanbul +1 'today'`,
		Count:  3,
		Tags:   []string{"diplomacy", "grain", "Чорне море"},
		Items:  []item{{"Kyiv", "uk"}, {"Ankara", ""}, {"Odesa", "uk"}},
		Entry:  &item{Name: "Sevastopol", Lang: "ru"},
		Words:  map[string]string{"b": "two", "a": "one", "c": "<three>"},
		Any:    item{Name: "boxed"},
		HTML:   template.HTML("<em>fine</em> &amp; well"),
		URL:    template.URL("javascript:void(0)"),
		hidden: "unexported",
	}
}

// cases are templates with what htmlexec must do with them: write what
// html/template writes (handled), or give the page back to it.
var cases = []struct {
	name, src string
	handled   bool
}{
	{"text", `<p>{{.Title}}</p>`, true},
	{"attribute", `<p title="{{.Title}}" class="c-{{.Count}}">x</p>`, true},
	{"url", `<a href="/tags/{{index .Tags 2}}?q={{.Title}}">{{.Entry.Name}}</a><a href="{{.URL}}">u</a><a href="javascript:{{.Title}}">j</a>`, true},
	{"rcdata", `<title>{{.Title}} · {{.HTML}}</title>`, true},
	{"html type", `<div>{{.HTML}}</div>`, true},
	{"html in attribute", `<p title="{{.HTML}}">`, false},
	{"script", `<script type="application/ld+json">{{.Title}}</script>`, true},
	{"srcset", `<img srcset="{{.Entry.Name}} 1x, /a b.png 2x, javascript:x 3x" alt="">`, true},
	{"style", `<p style="width: {{.Count}}em; color: {{index .Tags 0}}">`, true},
	{"if else", `{{if .None}}none{{else if .Entry}}entry {{.Entry.Name}}{{else}}neither{{end}}`, true},
	{"with", `{{with .Entry}}<b lang="{{.Lang}}">{{.Name}} {{$.Count}}</b>{{end}}{{with .None}}x{{else}}no{{end}}`, true},
	{"range", `{{range $i, $it := .Items}}{{if $i}}, {{end}}<i{{with .Lang}} lang="{{.}}"{{end}}>{{$it.Name}}</i>{{else}}empty{{end}}{{range .Tags}}[{{.}}]{{end}}`, true},
	{"range empty", `{{range .None}}x{{else}}nothing{{end}}{{range .Words}}{{.}}{{end}}`, false},
	{"range map", `{{range $k, $v := .Words}}{{$k}}={{$v}};{{end}}`, true},
	{"variables", `{{$n := 0}}{{range .Items}}{{$n = .Name}}{{end}}last {{$n}}{{$t := .Title}}{{with .Entry}}{{$t}}{{end}}`, true},
	{"methods", `{{.Entry.Upper}} {{.Entry.Greet "you"}} {{(index .Items 0).Upper}} {{.Pair "a" "b"}}`, true},
	{"method error", `{{.Entry.Fails}}`, false},
	{"html methods", `{{.Entry.Badge}} {{range .Items}}{{.Badge}}{{.Upper}}{{end}}`, true},
	{"functions", `{{upper .Title}} {{bold .Title}} {{join .Tags ", "}} {{.Title | upper}} {{pair "n" 5}}`, true},
	{"tf", `{{tf "%s of %d · %v" (bold .Entry.Name) .Count .Tags}}`, true},
	{"builtins", `{{and .Count .Title}} {{or .None .Count}} {{not .Tags}} {{eq .Count 3}} {{eq .Title "x" "y"}} {{ne .Count 4}} {{len .Tags}} {{index .Words "c"}} {{index .Words "zz"}} {{slice .Title 1 5}} {{print .Count .Title}} {{printf "%03d|%q" .Count .Entry.Name}}`, true},
	{"and short-circuits", `{{if and .None .None.Name}}x{{else}}safe{{end}}`, true},
	{"missing map key", `[{{.Words.zz}}]{{if .Words.zz}}x{{end}}`, true},
	{"nil pointer field", `{{.None.Name}}`, false},
	{"interface field", `{{.Any.Name}}`, true},
	{"templates", `{{define "t"}}<li>{{.}}{{$}}</li>{{end}}{{range .Tags}}{{template "t" .}}{{end}}{{block "b" .Entry}}{{.Name}}{{end}}`, true},
	{"comment and trim", `{{/* c */ -}}  {{.Count -}}  {{- .Count}}`, true},
	{"unexported", `{{.hidden}}`, false},
	{"nil data", `{{template "t"}}{{define "t"}}[{{.Title}}]{{end}}`, true},
	{"chain", `{{(index .Items 1).Name}}`, true},
	{"break", `{{range .Tags}}{{if eq . "grain"}}{{break}}{{end}}{{.}}{{end}}`, false},
}

func TestWritesWhatHTMLTemplateWrites(t *testing.T) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			set := template.Must(template.New("page").Funcs(funcs).Parse(c.src))
			var want bytes.Buffer
			wantErr := set.Execute(&want, data())
			prog, err := htmlexec.Compile(set, "page", funcs)
			if err != nil {
				if c.handled {
					t.Fatalf("not compiled: %v", err)
				}
				return
			}
			var got bytes.Buffer
			err = prog.Execute(&got, data())
			switch {
			case errors.Is(err, htmlexec.ErrFallback):
				if c.handled {
					t.Fatalf("left to html/template: %v", err)
				}
			case err != nil:
				t.Fatalf("error %v, not ErrFallback", err)
			case wantErr != nil:
				t.Fatalf("wrote %q where html/template failed: %v", got.String(), wantErr)
			case got.String() != want.String():
				t.Fatalf("wrote\n%s\nhtml/template wrote\n%s", got.String(), want.String())
			case !c.handled:
				t.Fatalf("handled %q, which the case says is left to html/template", c.src)
			}
		})
	}
}

// FuzzEscapersAsHTMLTemplate executes a value in each context the theme
// prints into with both, wherever htmlexec handles it.
func FuzzEscapersAsHTMLTemplate(f *testing.F) {
	for _, s := range []string{"", "plain", `a"b'c<d>e&f+g`, "\x00nul", "https://example.org/a b?c=d&e=%zz%41", "javascript:alert(1)", "/x.png 1x, /y.png 2x", "1x,,", "10px", "expression(x)", "a--b", "\u2028 \ufdd0 \xff", "Ex\\70ression"} {
		f.Add(s, 0)
		f.Add(s, 1)
		f.Add(s, 2)
	}
	contexts := []string{
		`{{.}}`,
		`<p title="{{.}}">`,
		`<title>{{.}}</title>`,
		`<a href="{{.}}">`,
		`<a href="/x/{{.}}">`,
		`<img srcset="{{.}}">`,
		`<p style="width: {{.}}">`,
		`<script>var x = {{.}};</script>`,
		`<script type="application/ld+json">{{.}}</script>`,
	}
	f.Fuzz(func(t *testing.T, s string, kind int) {
		var v any = s
		switch kind % 4 {
		case 1:
			v = template.HTML(s)
		case 2:
			v = template.URL(s)
		case 3:
			v = len(s)
		}
		for _, src := range contexts {
			set := template.Must(template.New("v").Parse(src))
			var want bytes.Buffer
			if set.Execute(&want, v) != nil {
				continue
			}
			prog, err := htmlexec.Compile(set, "v", nil)
			if err != nil {
				t.Fatalf("%s: not compiled: %v", src, err)
			}
			var got bytes.Buffer
			if err := prog.Execute(&got, v); err != nil {
				if !errors.Is(err, htmlexec.ErrFallback) {
					t.Fatal(err)
				}
				continue
			}
			if got.String() != want.String() {
				t.Fatalf("%s with %T %q: wrote %q, html/template %q", src, v, s, got.String(), want.String())
			}
		}
	})
}

// A method HTMLMethod answers is asked of it, not called by reflection.
func TestHTMLMethodsAnswerWithoutReflection(t *testing.T) {
	set := template.Must(template.New("page").Parse(`{{range .}}{{.Badge}}{{end}}`))
	items := []*counted{{}, {}}
	var sink bytes.Buffer
	if err := set.Execute(&sink, items); err != nil {
		t.Fatal(err)
	}
	prog, err := htmlexec.Compile(set, "page", nil)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := prog.Execute(&got, items); err != nil {
		t.Fatal(err)
	}
	if got.String() != "<i>1</i><i>1</i>" || items[0].asked != 1 || items[1].asked != 1 {
		t.Errorf("wrote %q; HTMLMethod asked %d and %d times, want once each", got.String(), items[0].asked, items[1].asked)
	}
}

// counted counts the times HTMLMethod answered for Badge.
type counted struct{ asked int }

func (c *counted) Badge() template.HTML { return template.HTML(fmt.Sprintf("<i>%d</i>", c.asked)) }
func (c *counted) HTMLMethod(name string) (template.HTML, bool) {
	if name != "Badge" {
		return "", false
	}
	c.asked++
	return c.Badge(), true
}
