package main

import (
	"net"
	"strconv"
)

// siteURL is the address served pages link to for a listener at addr,
// and whether the listener is reachable from other machines. A listener
// on every interface (0.0.0.0, ::) has no address of its own: pages then
// link to this machine's first non-loopback address, which other
// machines on the network reach, or to its host name.
func siteURL(addr *net.TCPAddr, interfaceAddrs func() ([]net.Addr, error), hostname func() (string, error)) (url string, exposed bool) {
	host := addr.IP.String()
	switch {
	case addr.IP.IsLoopback():
		return "http://" + net.JoinHostPort(host, strconv.Itoa(addr.Port)) + "/", false
	case addr.IP.IsUnspecified():
		host = "localhost"
		if h, err := hostname(); err == nil && h != "" {
			host = h
		}
		if addrs, err := interfaceAddrs(); err == nil {
			for _, a := range addrs {
				if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil && !n.IP.IsLinkLocalUnicast() {
					host = n.IP.String()
					break
				}
			}
		}
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(addr.Port)) + "/", true
}
