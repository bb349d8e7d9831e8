//go:build !unix

package sitefs

const openFlags = 0
