//go:build !linux

package build

import "os"

// sourceStamp gives no stamp where the change time is not at hand
// (syscall names it differently on each system): every file is parsed.
func sourceStamp(os.FileInfo) (fileStamp, bool) { return fileStamp{}, false }
