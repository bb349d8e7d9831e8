package serve

import (
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

func TestDeskIsOnOnlyOnLoopbackOrWhenAsked(t *testing.T) {
	loop := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1313}
	any := &net.TCPAddr{IP: net.IPv4zero, Port: 1313}
	if !DeskOn(loop, false) || DeskOn(any, false) || !DeskOn(any, true) {
		t.Error("the desk is on on loopback, and elsewhere only with --desk")
	}
	hosts := DeskHosts(loop, "https://proxy.example.org/timeline/")
	for _, want := range []string{"127.0.0.1:1313", "localhost:1313", "[::1]:1313", "proxy.example.org"} {
		if !slices.Contains(hosts, want) {
			t.Errorf("hosts %v lack %s", hosts, want)
		}
	}
}

func TestWithoutTheDeskAdminIsTheSites(t *testing.T) {
	s := newServer(t, newSite(t))
	for _, tc := range []struct{ method, path string }{{"GET", "/admin/"}, {"POST", "/api/v1"}} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, strings.NewReader("{}")))
		if rec.Code == http.StatusOK {
			t.Errorf("%s %s without the desk: %d", tc.method, tc.path, rec.Code)
		}
	}
	s.EnableDesk([]string{"example.com"})
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "http://example.com/admin/", nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "decap-cms.js") {
		t.Errorf("GET /admin/ with the desk: %d", rec.Code)
	}
}
