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

// renderError is a template's failure to render one thing: a page, or an
// entry's listing card.
type renderError struct {
	page string // the page's file
	card string // or the slug of the entry whose card it is
	err  error
}

func (e *renderError) Error() string { return e.what() + ": " + e.err.Error() }
func (e *renderError) Unwrap() error { return e.err }

func (e *renderError) what() string {
	if e.card != "" {
		return "the listing card of " + e.card
	}
	return e.page
}

// execRE finds the template, line and column in the text of Go's template
// errors, which hold them in no field: "template: 404.html:3:5: executing
// ..." or "html/template:baseof.html:46:11: no such template ...".
var execRE = regexp.MustCompile(`^(?:html/)?template: ?([^:\s]+):(\d+)(?::(\d+))?: (.*)$`)

// templateDiagnostic places a template's error at the template's file,
// line and column.
func templateDiagnostic(err error) diag.Diagnostic {
	msg := err.Error()
	d := diag.Diagnostic{Path: "templates", Severity: diag.Error, Message: msg}
	if m := execRE.FindStringSubmatch(msg); m != nil {
		d.Path = "templates/" + m[1]
		d.Line, _ = strconv.Atoi(m[2])
		d.Col, _ = strconv.Atoi(m[3])
		d.Message = m[4]
	}
	return d
}

// templateErrors turns the errors of rendering pages and cards (each a
// *renderError) into one diagnostic per distinct problem, naming how many
// pages or entries it spoiled: a mistake in entry.html fails every entry
// page alike, one in entry-card.html every card.
func templateErrors(errs []error) diag.List {
	type problem struct {
		d    diag.Diagnostic
		what string
		more int
		unit string
	}
	var order []string
	seen := map[string]*problem{}
	for _, err := range errs {
		var re *renderError
		if !errors.As(err, &re) {
			continue
		}
		d := templateDiagnostic(re.err)
		unit := "pages"
		if re.card != "" {
			unit = "entries"
		}
		k := unit + "\x00" + d.String()
		if p, ok := seen[k]; ok {
			p.more++
			continue
		}
		seen[k] = &problem{d: d, what: re.what(), unit: unit}
		order = append(order, k)
	}
	var ds diag.List
	for _, k := range order {
		p := seen[k]
		d := p.d
		if p.more == 0 {
			d.Message += fmt.Sprintf(" (rendering %s)", p.what)
		} else {
			d.Message += fmt.Sprintf(" (rendering %s and %d more %s)", p.what, p.more, p.unit)
		}
		ds = append(ds, d)
	}
	return ds.Sorted()
}

// cardErrors are the diagnostics of the listing cards that failed, in
// err, which joins them.
func cardErrors(err error) diag.List {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return templateErrors(j.Unwrap())
	}
	return templateErrors([]error{err})
}

// asDiagnostics gives the diagnostics of a *TemplateErrors in err.
func asDiagnostics(err error) (diag.List, bool) {
	var te *TemplateErrors
	if errors.As(err, &te) {
		return te.Diagnostics, true
	}
	return nil, false
}
