package serve

import (
	"net"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/timelinegen/timelinegen/internal/desk"
	"github.com/timelinegen/timelinegen/internal/diag"
)

// The editors' desk (package desk) at /admin/ and /api/v1: serve only
// routes to it and rebuilds after its saves.

// EnableDesk serves the desk, answering requests for hosts (host:port,
// see DeskHosts). Call it before Run.
func (s *Server) EnableDesk(hosts []string) {
	s.desk = desk.New(desk.Options{Source: s.opts.Build.Source, Hosts: hosts, Rebuild: s.deskRebuild, Names: s.deskNames})
}

// deskNames are the names of the last good site, which the desk offers.
func (s *Server) deskNames() (desk.Names, bool) {
	s.mu.Lock()
	site := s.site
	s.mu.Unlock()
	if site == nil || site.Site == nil || site.Site.Timeline == nil {
		return desk.Names{}, false
	}
	tl := site.Site.Timeline
	var n desk.Names
	countries := map[string]bool{}
	for _, t := range tl.Actors {
		n.Actors = append(n.Actors, t.Name)
	}
	for _, t := range tl.Places {
		n.Places = append(n.Places, t.Name)
		if t.Place != nil && t.Place.Country != "" && !countries[t.Place.Country] {
			countries[t.Place.Country] = true
			n.Countries = append(n.Countries, t.Place.Country)
		}
	}
	for _, t := range tl.Tags {
		n.Tags = append(n.Tags, t.Name)
	}
	slices.Sort(n.Countries)
	return n, true
}

// deskRebuild rebuilds after a save, so that the desk answers with the
// build's errors; the watcher's batch of the same files that follows
// finds nothing more to do.
func (s *Server) deskRebuild(changed []string) []string {
	_, ds, took := s.Rebuild(changed)
	// Not how many pages changed: the desk answers once the site is
	// built, not once they are all rendered.
	s.report(changed, nil, ds, took, false)
	return diagnostics(ds, diag.Error)
}

// DeskOn says whether serve on addr has a desk: on loopback, where only
// this machine reaches it, or when asked for.
func DeskOn(addr *net.TCPAddr, asked bool) bool { return asked || addr.IP.IsLoopback() }

// DeskHosts are the names the server at addr is reached by, with its
// port: the desk answers no other (a page that reaches 127.0.0.1 under
// a name of its own, by DNS rebinding, is refused). baseURL, when given,
// adds the host of a proxy in front of serve.
func DeskHosts(addr *net.TCPAddr, baseURL string) []string {
	port := strconv.Itoa(addr.Port)
	hosts := []string{net.JoinHostPort("127.0.0.1", port), net.JoinHostPort("localhost", port), net.JoinHostPort("::1", port)}
	if !addr.IP.IsLoopback() {
		if addr.IP.IsUnspecified() {
			if addrs, err := net.InterfaceAddrs(); err == nil {
				for _, a := range addrs {
					if ipn, ok := a.(*net.IPNet); ok {
						hosts = append(hosts, net.JoinHostPort(ipn.IP.String(), port))
					}
				}
			}
		} else {
			hosts = append(hosts, net.JoinHostPort(addr.IP.String(), port))
		}
		if name, err := os.Hostname(); err == nil {
			hosts = append(hosts, net.JoinHostPort(strings.ToLower(name), port))
		}
	}
	if u, err := url.Parse(baseURL); err == nil && u.Host != "" {
		hosts = append(hosts, strings.ToLower(u.Host))
	}
	return hosts
}
