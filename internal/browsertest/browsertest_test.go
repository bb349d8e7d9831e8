package browsertest

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The browser Start gives runs pages, and a step's deadline stops only
// that step.
func TestStartRunsAPage(t *testing.T) {
	ctx := Start(t)
	for range 2 {
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		n, err := chromedp.Run(sctx, chromedp.Evaluate[int](`1 + 1`))
		cancel()
		if err != nil || n != 2 {
			t.Fatalf("1 + 1 = %d, %v", n, err)
		}
	}
}
