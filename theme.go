// Package timelinegen holds the default theme, embedded so that a site with
// only content/ builds and looks right. The code is under internal/ and
// cmd/timelinegen.
package timelinegen

import "embed"

// Theme is the default theme: templates/ and static/ of this repository.
//
//go:embed templates static
var Theme embed.FS
