//go:build !deploy_gcs

package deploy

import (
	"context"
	"net/http"
)

// withGCS: without the tag deploy_gcs, gs:// targets and Google Cloud CDN
// are refused with a message naming the tag.
const withGCS = false

func googleClient(context.Context) (*http.Client, error) { return nil, nil }
