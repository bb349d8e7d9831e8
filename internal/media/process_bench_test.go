package media

import (
	"crypto/sha256"
	"testing"

	"github.com/timelinegen/timelinegen/internal/media/mediatest"
)

// BenchmarkProcess makes the files of one 3-megapixel photo.
func BenchmarkProcess(b *testing.B) {
	src := mediatest.Noisy(2000, 1500, 1)
	sum := sha256.Sum256(src)
	s := Settings{Widths: []int{480, 960, 1440}, Quality: 82, MaxPixels: 50_000_000}
	for b.Loop() {
		if _, err := Process(src, sum, s); err != nil {
			b.Fatal(err)
		}
	}
}
