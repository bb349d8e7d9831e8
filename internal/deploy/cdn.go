package deploy

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	cftypes "github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
	gcaws "gocloud.dev/aws"

	"github.com/timelinegen/timelinegen/internal/config"
)

// Invalidator makes a CDN forget its copies of paths ("/events/x/").
type Invalidator interface {
	Invalidate(ctx context.Context, paths []string) error
}

// Wildcard is the one path a CDN is told when too many changed.
const Wildcard = "/*"

// InvalidationPaths are the URL paths a CDN is told of when files
// changed: each file's own, and a page's folder, which is how readers
// ask for it. More than max and it is the one Wildcard.
func InvalidationPaths(files []string, max int) []string {
	var out []string
	for _, f := range files {
		if f == "index.html" {
			out = append(out, "/")
		} else if path.Base(f) == "index.html" {
			out = append(out, "/"+path.Dir(f)+"/")
		}
		out = append(out, "/"+f)
	}
	if len(out) > max {
		return []string{Wildcard}
	}
	return out
}

// NewCDN gives the invalidator of a target's cdn:, or nil when it has
// none. The bucket URL's profile= names the AWS credentials CloudFront
// is asked with.
func NewCDN(ctx context.Context, t config.Target) (Invalidator, error) {
	switch {
	case t.CloudFront != "":
		q := url.Values{"region": {"us-east-1"}} // CloudFront is global, signed for us-east-1
		if u, err := url.Parse(t.URL); err == nil && u.Query().Get("profile") != "" {
			q.Set("profile", u.Query().Get("profile"))
		}
		cfg, err := gcaws.V2ConfigFromURLParams(ctx, q)
		if err != nil {
			return nil, err
		}
		return &CloudFront{Client: cloudfront.NewFromConfig(cfg), Distribution: t.CloudFront, Run: time.Now().UTC().Format("20060102T150405.000000000")}, nil
	case t.GoogleURLMap != "":
		if !withGCS {
			return nil, errors.New("google_url_map: this timelinegen is built without Google Cloud's drivers: build it with go build -tags deploy_gcs (docs/deploy.md)")
		}
		c, err := googleClient(ctx)
		if err != nil {
			return nil, err
		}
		project, urlMap, _ := strings.Cut(t.GoogleURLMap, "/")
		return &GoogleCDN{Client: c, Project: project, URLMap: urlMap}, nil
	}
	return nil, nil
}

// CloudFront invalidates paths of one CloudFront distribution, in one
// invalidation batch.
type CloudFront struct {
	Client interface {
		CreateInvalidation(context.Context, *cloudfront.CreateInvalidationInput, ...func(*cloudfront.Options)) (*cloudfront.CreateInvalidationOutput, error)
	}
	Distribution string
	// Run names this deploy in the caller reference: a retry of the same
	// request is then the same invalidation, and a later deploy of the
	// same paths, even within the minute, a new one (CloudFront returns
	// the earlier invalidation for a reference it has seen).
	Run string
}

func (c *CloudFront) Invalidate(ctx context.Context, paths []string) error {
	sum := sha256.Sum256([]byte(strings.Join(paths, "\n")))
	ref := c.Run + "-" + hex.EncodeToString(sum[:8])
	escaped := make([]string, len(paths))
	for i, p := range paths {
		escaped[i] = (&url.URL{Path: p}).EscapedPath()
	}
	_, err := c.Client.CreateInvalidation(ctx, &cloudfront.CreateInvalidationInput{
		DistributionId: aws.String(c.Distribution),
		InvalidationBatch: &cftypes.InvalidationBatch{
			CallerReference: aws.String(ref),
			Paths:           &cftypes.Paths{Items: escaped, Quantity: aws.Int32(int32(len(escaped)))},
		},
	})
	return err
}

// GoogleCDN invalidates paths of a Google Cloud CDN URL map through the
// Compute Engine REST API, one request a path (the API takes one), with
// the application default credentials. It is plain HTTP rather than the
// generated compute client, whose package alone is larger than the rest
// of the deploy command.
type GoogleCDN struct {
	Client          *http.Client
	Project, URLMap string
	// Endpoint replaces the API's address (tests).
	Endpoint string
}

func (g *GoogleCDN) Invalidate(ctx context.Context, paths []string) error {
	endpoint := g.Endpoint
	if endpoint == "" {
		endpoint = "https://compute.googleapis.com"
	}
	u := fmt.Sprintf("%s/compute/v1/projects/%s/global/urlMaps/%s/invalidateCache", endpoint, url.PathEscape(g.Project), url.PathEscape(g.URLMap))
	for _, p := range paths {
		body, _ := json.Marshal(map[string]string{"path": p})
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := g.Client.Do(req)
		if err != nil {
			return err
		}
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
		resp.Body.Close()
		if resp.StatusCode/100 != 2 {
			return fmt.Errorf("google cloud cdn: invalidating %s: %s: %s", p, resp.Status, bytes.TrimSpace(msg))
		}
	}
	return nil
}
