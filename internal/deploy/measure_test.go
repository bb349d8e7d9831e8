package deploy

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/timelinegen/timelinegen/internal/output"
)

// TestMeasure times a first deploy and a one-edit deploy of large
// builds to the local S3 server and counts their requests (the numbers in
// docs/performance.md). It runs only when TIMELINEGEN_DEPLOY_MEASURE is
// "FIRST_BUILD:EDITED_BUILD", two builds of a site one article apart.
func TestMeasure(t *testing.T) {
	dirs := strings.Split(os.Getenv("TIMELINEGEN_DEPLOY_MEASURE"), ":")
	if len(dirs) != 2 {
		t.Skip("set TIMELINEGEN_DEPLOY_MEASURE=FIRST_BUILD:EDITED_BUILD to measure")
	}
	tg := minioTarget(t)
	for i, dir := range dirs {
		// The edited build may still be being made while the first is
		// deployed: wait for its mark.
		for deadline := time.Now().Add(time.Hour); ; time.Sleep(5 * time.Second) {
			if _, err := os.Stat(filepath.Join(dir, output.Marker)); err == nil || time.Now().After(deadline) {
				break
			}
		}
		before := tg.requests()
		start := time.Now()
		r, err := Deploy(context.Background(), Options{Dir: dir, Store: tg.open(t), MaxDeletes: 256, CDN: &recordingCDN{}})
		if err != nil || len(r.Undone) > 0 {
			t.Fatalf("%v %v", err, r.Undone)
		}
		took := time.Since(start)
		reqs, total := map[string]int{}, 0
		for k, v := range tg.requests() {
			if n := v - before[k]; n > 0 {
				reqs[k] = n
				total += n
			}
		}
		t.Logf("deploy %d of %s: %d files (%s): %d uploaded (%s sent), %d deleted, %d paths invalidated, in %s; %d requests %v",
			i+1, dir, r.Files, Bytes(r.Bytes), len(r.Uploaded), Bytes(r.SentBytes), len(r.Deleted), len(r.Invalidated), took.Round(time.Millisecond), total, reqs)
	}
}
