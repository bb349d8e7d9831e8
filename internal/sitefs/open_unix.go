//go:build unix

package sitefs

import "syscall"

// openFlags keep opening a named pipe from waiting for a writer, and a
// terminal from becoming the process's.
const openFlags = syscall.O_NONBLOCK | syscall.O_NOCTTY
