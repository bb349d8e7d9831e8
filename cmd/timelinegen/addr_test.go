package main

import (
	"net"
	"testing"
)

func TestSiteURLIsReachable(t *testing.T) {
	lan := func() ([]net.Addr, error) {
		return []net.Addr{
			&net.IPNet{IP: net.ParseIP("127.0.0.1"), Mask: net.CIDRMask(8, 32)},
			&net.IPNet{IP: net.ParseIP("fe80::1"), Mask: net.CIDRMask(64, 128)},
			&net.IPNet{IP: net.ParseIP("192.168.1.20"), Mask: net.CIDRMask(24, 32)},
		}, nil
	}
	none := func() ([]net.Addr, error) { return nil, nil }
	host := func() (string, error) { return "newsroom-laptop", nil }
	for _, tc := range []struct {
		ip      string
		addrs   func() ([]net.Addr, error)
		want    string
		exposed bool
	}{
		{"127.0.0.1", lan, "http://127.0.0.1:1313/", false},
		{"::1", lan, "http://[::1]:1313/", false},
		{"0.0.0.0", lan, "http://192.168.1.20:1313/", true},
		{"::", lan, "http://192.168.1.20:1313/", true},
		{"::", none, "http://newsroom-laptop:1313/", true},
		{"10.0.0.5", lan, "http://10.0.0.5:1313/", true},
	} {
		got, exposed := siteURL(&net.TCPAddr{IP: net.ParseIP(tc.ip), Port: 1313}, tc.addrs, host)
		if got != tc.want || exposed != tc.exposed {
			t.Errorf("%s: %s %v, want %s %v", tc.ip, got, exposed, tc.want, tc.exposed)
		}
	}
}
