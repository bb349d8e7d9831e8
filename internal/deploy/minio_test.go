package deploy

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// The S3 tests run against MinIO's server, a real S3 implementation,
// started once for the package on a free port with a temporary folder.
// It is a separate program (AGPL), never imported: TIMELINEGEN_MINIO
// names it, or it is found as minio on PATH (.ci/run installs it with go
// install github.com/minio/minio@v0.0.0-20260212201848-7aac2a2c5b7c). Without it those tests skip,
// loudly, unless REQUIRE_S3=1.

const (
	minioUser     = "timelinegen-test"
	minioPassword = "timelinegen-test-secret"
)

type minioServer struct {
	endpoint string // http://127.0.0.1:port
	cmd      *exec.Cmd
	dir      string
	skip     string // why there is none
	buckets  atomic.Int64
}

// minio is the package's one server, started by the first test that
// asks for it and stopped by TestMain.
var minio = sync.OnceValue(startMinio)

func TestMain(m *testing.M) {
	code := m.Run()
	if s := minio(); s.cmd != nil {
		s.cmd.Process.Kill()
		s.cmd.Wait()
		os.RemoveAll(s.dir)
	}
	os.Exit(code)
}

func startMinio() *minioServer {
	bin := os.Getenv("TIMELINEGEN_MINIO")
	if bin == "" {
		bin, _ = exec.LookPath("minio")
	}
	if bin == "" {
		return &minioServer{skip: "no MinIO server: set TIMELINEGEN_MINIO or put minio on PATH (go install github.com/minio/minio@v0.0.0-20260212201848-7aac2a2c5b7c)"}
	}
	dir, err := os.MkdirTemp("", "timelinegen-minio-")
	if err != nil {
		return &minioServer{skip: err.Error()}
	}
	addr, console := freeAddr(), freeAddr()
	cmd := exec.Command(bin, "server", "--quiet", "--address", addr, "--console-address", console, dir)
	cmd.Env = append(os.Environ(), "MINIO_ROOT_USER="+minioUser, "MINIO_ROOT_PASSWORD="+minioPassword, "MINIO_BROWSER=off", "MINIO_UPDATE=off")
	var log strings.Builder
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		return &minioServer{skip: fmt.Sprintf("%s: %v", bin, err)}
	}
	s := &minioServer{endpoint: "http://" + addr, cmd: cmd, dir: dir}
	// The drivers read credentials from the environment, as they would
	// from an operator's.
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID": minioUser, "AWS_SECRET_ACCESS_KEY": minioPassword,
		"AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true",
		"AWS_CONFIG_FILE": os.DevNull, "AWS_SHARED_CREDENTIALS_FILE": os.DevNull,
	} {
		os.Setenv(k, v)
	}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		// Ready, not live: a live server may still answer requests with
		// XMinioServerNotInitialized, as it did on a loaded machine.
		resp, err := http.Get(s.endpoint + "/minio/health/ready")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return s
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	return &minioServer{skip: "MinIO did not start in 60s: " + log.String()}
}

func freeAddr() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// minioTarget is a new bucket on the MinIO server, reached through a
// proxy that counts the requests a deploy makes.
func minioTarget(t *testing.T) target {
	s := minio()
	if s.skip != "" {
		if os.Getenv("REQUIRE_S3") == "1" {
			t.Fatalf("REQUIRE_S3=1 but %s", s.skip)
		}
		t.Skipf("*** SKIPPED: %s ***", s.skip)
	}
	name := fmt.Sprintf("site-%d", s.buckets.Add(1))
	client := s3.New(s3.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(s.endpoint),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider(minioUser, minioPassword, ""),
	})
	if _, err := client.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	counts := map[string]int{}
	u, _ := url.Parse(s.endpoint)
	proxy := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		counts[r.Method]++
		mu.Unlock()
		proxy.ServeHTTP(w, r) // the Host header stays the proxy's, which the request was signed for
	}))
	t.Cleanup(srv.Close)
	return target{
		url:     "s3://" + name + "?" + s3Params(srv.URL),
		headers: true,
		requests: func() map[string]int {
			mu.Lock()
			defer mu.Unlock()
			out := map[string]int{}
			for k, v := range counts {
				out[k] = v
			}
			return out
		},
	}
}

// s3Params are the URL parameters of an S3-compatible store at endpoint.
func s3Params(endpoint string) string {
	return url.Values{"endpoint": {endpoint}, "use_path_style": {"true"}, "region": {"us-east-1"}, "disable_https": {"true"}}.Encode()
}

// newJSONRecorder is a server that records each request's method, path
// and body.
func newJSONRecorder(t *testing.T, got *[]string) *httptest.Server {
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		*got = append(*got, r.Method+" "+r.URL.Path+" "+strings.TrimSpace(string(body)))
		mu.Unlock()
		json.NewEncoder(w).Encode(map[string]string{"kind": "compute#operation"})
	}))
	t.Cleanup(srv.Close)
	return srv
}

type fakeCloudFront struct {
	inputs []*cloudfront.CreateInvalidationInput
}

func (f *fakeCloudFront) CreateInvalidation(_ context.Context, in *cloudfront.CreateInvalidationInput, _ ...func(*cloudfront.Options)) (*cloudfront.CreateInvalidationOutput, error) {
	f.inputs = append(f.inputs, in)
	return &cloudfront.CreateInvalidationOutput{}, nil
}
