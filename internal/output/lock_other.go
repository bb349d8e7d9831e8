//go:build !unix

package output

import (
	"os"
	"time"
)

// Without flock, a build's folder is not locked, and a leftover is taken
// for abandoned once it is a day old: no build runs that long.
func tryLock(dir string) (unlock func(), ok bool) { return func() {}, true }

func waitLock(dir string) (unlock func(), ok bool) { return func() {}, true }

func abandoned(dir string) (unlock func(), ok bool) {
	info, err := os.Stat(dir)
	if err != nil || time.Since(info.ModTime()) < 24*time.Hour {
		return nil, false
	}
	return func() {}, true
}
