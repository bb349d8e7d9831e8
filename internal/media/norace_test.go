//go:build !race

package media

const raceBuild = false
