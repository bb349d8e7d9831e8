package build

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"syscall"

	"github.com/timelinegen/timelinegen/internal/output"
)

// diskFull says what a full disk needs: about the size of the last build
// free beside it, since the new build is written whole before the swap.
func diskFull(err error, out *output.Dir, dest string) error {
	if !errors.Is(err, syscall.ENOSPC) {
		return err
	}
	msg := fmt.Sprintf("the disk is full: %v; %s were written before it filled", err, size(out.Written()))
	if old := treeSize(dest); old > 0 {
		msg += fmt.Sprintf(", and the build needs about %s free beside %s (the size of the last build)", size(old), dest)
	}
	return errors.New(msg)
}

func treeSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
