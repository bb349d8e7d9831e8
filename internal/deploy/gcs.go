//go:build deploy_gcs

package deploy

import (
	"context"
	"net/http"

	_ "gocloud.dev/blob/gcsblob" // gs:// targets
	"golang.org/x/oauth2/google"
)

const withGCS = true

// googleClient asks Google's APIs with the application default
// credentials, for Cloud CDN's invalidations.
func googleClient(ctx context.Context) (*http.Client, error) {
	return google.DefaultClient(ctx, "https://www.googleapis.com/auth/compute")
}
