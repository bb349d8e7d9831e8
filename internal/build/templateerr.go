package build

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/timelinegen/timelinegen/internal/diag"
)

// TemplateErrors are the errors of executing the templates, as
// diagnostics at the template's file and line.
type TemplateErrors struct {
	Diagnostics diag.List
}

func (e *TemplateErrors) Error() string {
	var b strings.Builder
	for i, d := range e.Diagnostics {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// execRE finds the template, line and column in html/template's errors:
// "template: 404.html:3:5: executing ..." or
// "html/template:baseof.html:46:11: no such template ...".
var execRE = regexp.MustCompile(`(?:html/)?template: ?([^:\s]+):(\d+)(?::(\d+))?: (.*)$`)

// templateErrors turns the errors of rendering pages (each "file: err")
// into one diagnostic per distinct problem, naming how many pages it
// spoiled: a mistake in entry.html fails every entry page alike.
func templateErrors(errs []error) diag.List {
	type problem struct {
		d     diag.Diagnostic
		page  string
		pages int
	}
	var order []string
	seen := map[string]*problem{}
	for _, err := range errs {
		if err == nil {
			continue
		}
		page, msg, _ := strings.Cut(err.Error(), ": ")
		d := diag.Diagnostic{Path: "templates", Severity: diag.Error, Message: msg}
		if m := execRE.FindStringSubmatch(msg); m != nil {
			d.Path = "templates/" + m[1]
			d.Line, _ = strconv.Atoi(m[2])
			d.Col, _ = strconv.Atoi(m[3])
			d.Message = m[4]
		}
		k := d.String()
		if p, ok := seen[k]; ok {
			p.pages++
			continue
		}
		seen[k] = &problem{d: d, page: page, pages: 1}
		order = append(order, k)
	}
	var ds diag.List
	for _, k := range order {
		p := seen[k]
		d := p.d
		if p.pages == 1 {
			d.Message += fmt.Sprintf(" (rendering %s)", p.page)
		} else {
			d.Message += fmt.Sprintf(" (rendering %s and %d more pages)", p.page, p.pages-1)
		}
		ds = append(ds, d)
	}
	return ds.Sorted()
}

// asDiagnostics gives the diagnostics of a *TemplateErrors in err.
func asDiagnostics(err error) (diag.List, bool) {
	var te *TemplateErrors
	if errors.As(err, &te) {
		return te.Diagnostics, true
	}
	return nil, false
}
