// Package importer turns spreadsheets of events into articles: ACLED
// exports and Knight Lab TimelineJS sheets, one article a row, written to
// content/imported/ of a site. It is what `timelinegen import csv` does.
//
// Conversion (Convert) is separate from writing (Write), so that what a
// sheet becomes can be tested without a site.
package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/front"
	"github.com/timelinegen/timelinegen/internal/scaffold"
	"github.com/timelinegen/timelinegen/internal/sitefs"
	slugs "github.com/timelinegen/timelinegen/internal/slug"
)

// Format is a kind of sheet.
type Format string

// The formats Convert reads.
const (
	ACLED      Format = "acled"
	TimelineJS Format = "timelinejs"
)

// Formats lists the formats, for messages.
var Formats = []string{string(ACLED), string(TimelineJS)}

// Dir is where imported articles go, inside a site.
const Dir = "content/imported"

// Options say how to convert a sheet.
type Options struct {
	// Format of the sheet; "" detects it from the header row.
	Format Format
	// Kinds are the site's kind names; nil is the default kinds.
	Kinds []string
	// KindLabels map a kind's label, lower-cased, to its name, so that a
	// TimelineJS Group "Military" finds kind military.
	KindLabels map[string]string
	// KindMap maps an ACLED event_type or sub_event_type, or a TimelineJS
	// Group, lower-cased, to a kind. It overrides the built-in mapping.
	KindMap map[string]string
	// DefaultKind is the kind of rows no mapping gives a kind; "" makes
	// such rows fail.
	DefaultKind string
}

// Status is what became of a row.
type Status int

// Row statuses.
const (
	Imported Status = iota + 1 // written to a new file
	Updated                    // an existing file rewritten (--force)
	Skipped                    // not written: the file exists, or the row is no event
	Failed                     // could not be converted
)

func (s Status) String() string {
	return [...]string{"", "imported", "updated", "skipped", "failed"}[s]
}

// Row is one data row of the sheet and what became of it.
type Row struct {
	Line    int // the line of the file the row starts on; the header is line 1
	Slug    string
	Article *scaffold.Article // nil unless converted
	Status  Status
	Reason  string // why it failed or was skipped
	Path    string // the file written, relative to the site, for Write
}

// Result is a whole sheet.
type Result struct {
	Format Format
	Rows   []*Row
	// Title and Description come from a TimelineJS title slide: the sheet
	// suggests them for timeline.yaml.
	Title, Description string
}

// Count counts the rows with status s.
func (r *Result) Count(s Status) int {
	n := 0
	for _, row := range r.Rows {
		if row.Status == s {
			n++
		}
	}
	return n
}

// Summary is "imported N, updated M, skipped K, failed F".
func (r *Result) Summary() string {
	return fmt.Sprintf("imported %d, updated %d, skipped %d, failed %d",
		r.Count(Imported), r.Count(Updated), r.Count(Skipped), r.Count(Failed))
}

// FileError is a sheet that cannot be read at all, such as one without the
// columns its format needs. Line is 0 when no line is to blame.
type FileError struct {
	Line int
	Msg  string
}

func (e *FileError) Error() string {
	if e.Line == 0 {
		return e.Msg
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// sheet is a CSV file's header and rows.
type sheet struct {
	cols map[string]int // normalized header → index
	head []string
}

// normalize makes "End Year", "end_year" and " END YEAR " one key.
func normalize(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	return strings.Join(strings.FieldsFunc(h, func(r rune) bool { return r == ' ' || r == '_' || r == '\t' }), "_")
}

func (s *sheet) has(col string) bool { _, ok := s.cols[col]; return ok }

// Convert reads a sheet and converts every row. Rows that cannot be
// converted are Failed with a reason; the others carry their Article with
// Status 0, for Write to settle. An error means the sheet as a whole could
// not be read.
func Convert(r io.Reader, opts Options) (*Result, error) {
	if opts.Kinds == nil {
		c := config.Default()
		opts.Kinds = c.KindNames()
		opts.KindLabels = labels(c)
	}
	if opts.DefaultKind != "" && !slices.Contains(opts.Kinds, opts.DefaultKind) {
		return nil, &scaffold.UsageError{Msg: fmt.Sprintf("--default-kind: unknown kind %q%s; the kinds are %s",
			opts.DefaultKind, diag.Suggest(opts.DefaultKind, opts.Kinds), strings.Join(opts.Kinds, ", "))}
	}
	// Standard input too is bounded: `cat /dev/zero |` never ends.
	data, err := io.ReadAll(io.LimitReader(r, sitefs.MaxSheet+1))
	if err != nil {
		return nil, err
	}
	if len(data) > sitefs.MaxSheet {
		return nil, &FileError{0, (&sitefs.TooLargeError{Size: int64(len(data)), Limit: sitefs.MaxSheet}).Error()}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // Excel writes a BOM
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	head, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &FileError{0, "the file is empty: want a header row and one row an event"}
	}
	if err != nil {
		return nil, &FileError{1, fmt.Sprintf("cannot read the header row: %v", csvReason(err))}
	}
	sh := &sheet{cols: map[string]int{}, head: head}
	for i, h := range head {
		n := normalize(h)
		if n == "" {
			continue
		}
		if j, dup := sh.cols[n]; dup {
			return nil, &FileError{1, fmt.Sprintf("column %q appears twice (columns %d and %d)", strings.TrimSpace(h), j+1, i+1)}
		}
		sh.cols[n] = i
	}
	format := opts.Format
	if format == "" {
		switch {
		case sh.has("event_id_cnty"):
			format = ACLED
		case sh.has("headline") && sh.has("year"):
			format = TimelineJS
		default:
			return nil, &FileError{1, "cannot tell the format from the header row: give --format acled or --format timelinejs"}
		}
	}
	var conv func(get func(string) string, res *Result) (*scaffold.Article, string, error)
	var required []string
	switch format {
	case ACLED:
		required = []string{"event_id_cnty", "event_date", "event_type"}
		c := &acled{opts: opts}
		conv = func(get func(string) string, _ *Result) (*scaffold.Article, string, error) { return c.convert(get) }
	case TimelineJS:
		required = []string{"year", "headline"}
		c := &timelineJS{opts: opts, slugs: map[string]int{}}
		conv = c.convert
	default:
		return nil, &scaffold.UsageError{Msg: fmt.Sprintf("--format: unknown format %q; want acled or timelinejs", format)}
	}
	var missing []string
	for _, col := range required {
		if !sh.has(col) {
			missing = append(missing, col)
		}
	}
	if len(missing) > 0 {
		return nil, &FileError{1, fmt.Sprintf("not a %s sheet: missing column(s) %s", format, strings.Join(missing, ", "))}
	}

	res := &Result{Format: format}
	seen := map[string]int{} // slug → line, for duplicates
	// Rows are converted a batch at a time, those of an ACLED sheet in
	// parallel (a TimelineJS sheet's rows depend on those before), and
	// then checked for duplicates in the sheet's order.
	const batchSize = 4096
	var batch []pending
	settle := func() {
		each(len(batch), format == ACLED, func(i int) { batch[i].convert(sh, conv, res) })
		for _, p := range batch {
			row := p.row
			if row.Article == nil {
				continue
			}
			if first, dup := seen[row.Slug]; dup {
				row.Slug, row.Article = "", nil
				row.Status, row.Reason = Failed, fmt.Sprintf("slug %s is already the slug of the row on line %d (same event id?)", p.slug, first)
				continue
			}
			seen[row.Slug] = row.Line
		}
		batch = batch[:0]
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			// The reader goes on at the next line.
			res.Rows = append(res.Rows, &Row{Line: pe.StartLine, Status: Failed, Reason: "CSV syntax: " + csvReason(err)})
			continue
		}
		if err != nil {
			return res, err
		}
		line, _ := cr.FieldPos(0)
		if blank(rec) {
			continue
		}
		row := &Row{Line: line}
		res.Rows = append(res.Rows, row)
		if len(rec) != len(head) {
			row.Status, row.Reason = Failed, fmt.Sprintf("%d fields, but the header has %d columns (a missing or extra comma, or an unquoted field holding a comma?)", len(rec), len(head))
			continue
		}
		if col, ok := invalidUTF8(rec, head); !ok {
			row.Status, row.Reason = Failed, fmt.Sprintf("column %s is not UTF-8 text: save the sheet as UTF-8", col)
			continue
		}
		if batch = append(batch, pending{row: row, rec: rec}); len(batch) == batchSize {
			settle()
		}
	}
	settle()
	return res, nil
}

// pending is a row read and yet to be converted.
type pending struct {
	row  *Row
	rec  []string
	slug string // the slug converted, also when it is a duplicate
}

func (p *pending) convert(sh *sheet, conv func(get func(string) string, res *Result) (*scaffold.Article, string, error), res *Result) {
	get := func(col string) string {
		if i, ok := sh.cols[col]; ok {
			return strings.TrimSpace(p.rec[i])
		}
		return ""
	}
	a, slug, err := conv(get, res)
	var skip *skipError
	switch {
	case errors.As(err, &skip):
		p.row.Status, p.row.Reason = Skipped, skip.msg
	case err != nil:
		p.row.Status, p.row.Reason = Failed, err.Error()
	case !slugs.Usable(slug):
		// Never written: check would refuse the file.
		p.row.Status, p.row.Reason = Failed, fmt.Sprintf("cannot make a slug from this row that check accepts (got %q)", slug)
	default:
		p.slug, p.row.Slug, p.row.Article = slug, slug, a
	}
}

// each calls f for 0 to n-1, on every processor when parallel.
func each(n int, parallel bool, f func(i int)) {
	workers := 1
	if parallel {
		workers = min(runtime.GOMAXPROCS(0), n)
	}
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait()
}

func csvReason(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func invalidUTF8(rec, head []string) (string, bool) {
	for i, f := range rec {
		if !utf8.ValidString(f) {
			return fmt.Sprintf("%d (%s)", i+1, strings.TrimSpace(head[i])), false
		}
	}
	return "", true
}

// skipError is a row that is not an event, such as a TimelineJS era.
type skipError struct{ msg string }

func (e *skipError) Error() string { return e.msg }

// labels maps the lower-cased labels of a configuration's kinds to names.
func labels(c config.Config) map[string]string {
	m := map[string]string{}
	for _, k := range c.Kinds {
		m[strings.ToLower(k.Label)] = k.Name
	}
	return m
}

// SiteOptions fills Kinds and KindLabels from the site's timeline.yaml.
func SiteOptions(site string, opts Options) (Options, error) {
	c, err := scaffold.LoadConfig(site)
	if err != nil {
		return opts, err
	}
	opts.Kinds, opts.KindLabels = c.KindNames(), labels(c)
	return opts, nil
}

// ParseKindMap reads a kind map: a YAML mapping of ACLED event types and
// sub-event types or TimelineJS groups to kind names, such as
//
//	Strategic developments: political
//	"Looting/property destruction": military
//	Front line: military
//
// Keys match case-insensitively. Every kind must be one of kinds.
func ParseKindMap(name string, src []byte, kinds []string) (map[string]string, error) {
	root, err := front.DecodeYAML(src)
	if err != nil {
		return nil, &scaffold.UsageError{Msg: fmt.Sprintf("%s:%v", name, err)}
	}
	m := map[string]string{}
	var problems []string
	for _, k := range root.Keys {
		if k.Value.Kind != front.Scalar {
			problems = append(problems, fmt.Sprintf("%s:%d:%d: %s: want a kind name", name, k.Value.Line, k.Value.Col, k.Name))
			continue
		}
		kind := strings.TrimSpace(k.Value.Text)
		if !slices.Contains(kinds, kind) {
			problems = append(problems, fmt.Sprintf("%s:%d:%d: %s: unknown kind %q%s; the kinds are %s",
				name, k.Value.Line, k.Value.Col, k.Name, kind, diag.Suggest(kind, kinds), strings.Join(kinds, ", ")))
			continue
		}
		m[strings.ToLower(strings.TrimSpace(k.Name))] = kind
	}
	if len(problems) > 0 {
		return nil, &scaffold.UsageError{Msg: strings.Join(problems, "\n")}
	}
	return m, nil
}

// WriteOptions say how Write treats existing files.
type WriteOptions struct {
	Force bool // overwrite files that exist
}

// Write writes the converted rows of res into site/content/imported/ and
// sets each row's Status: Imported, Updated, or Skipped when the file
// exists and Force is off. A row whose slug another article of the site
// already uses Fails. An error stops the writing.
func Write(site string, res *Result, opts WriteOptions) error {
	dir := filepath.Join(site, filepath.FromSlash(Dir))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	used := scaffold.Slugs(site)
	// Each row is its own file: they are written in parallel.
	var (
		stop  atomic.Bool
		once  sync.Once
		first error
	)
	each(len(res.Rows), true, func(i int) {
		if stop.Load() {
			return
		}
		if err := writeRow(site, res.Rows[i], used, opts); err != nil {
			once.Do(func() { first = err })
			stop.Store(true)
		}
	})
	return first
}

func writeRow(site string, row *Row, used map[string]string, opts WriteOptions) error {
	if row.Article == nil || row.Status != 0 {
		return nil
	}
	rel := Dir + "/" + row.Slug + ".md"
	row.Path = rel
	if other, ok := used[row.Slug]; ok && other != rel {
		row.Status, row.Reason = Failed, fmt.Sprintf("slug %s is already used by %s", row.Slug, other)
		return nil
	}
	src := scaffold.Render(*row.Article)
	p := filepath.Join(site, filepath.FromSlash(rel))
	// Most files are new: try that first, and read the file only when
	// it exists.
	err := writeNew(p, src)
	switch {
	case err == nil:
		row.Status = Imported
		return nil
	case !errors.Is(err, fs.ErrExist):
		return err
	case !opts.Force:
		row.Status, row.Reason = Skipped, rel+" exists; --force overwrites it"
		return nil
	}
	old, err := sitefs.ReadFile(p, sitefs.MaxArticle)
	switch {
	case err != nil:
		return err
	case bytes.Equal(old, src):
		row.Status, row.Reason = Updated, "unchanged"
	default:
		if err := replace(p, src); err != nil {
			return err
		}
		row.Status = Updated
	}
	return nil
}

func writeNew(p string, src []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(src)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(p)
	}
	return err
}

// replace writes beside p and renames over it, so that a watching dev
// server never reads half a file.
func replace(p string, src []byte) error {
	f, err := os.CreateTemp(filepath.Dir(p), ".import-*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(src)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, p)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
