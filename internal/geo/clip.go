package geo

// ClipRing clips a closed polygon ring (open or closed form) to the box
// with the Sutherland–Hodgman algorithm and returns the clipped ring, which
// may reuse dst's storage (pass a scratch buffer to save allocations). The result may run along the box's edges where the
// ring leaves and re-enters it, which is right for filling; clip to a box a
// little larger than the visible frame (Projection.Frame) to keep those
// edges out of sight. It returns nil when nothing of the ring is inside.
// A ring entirely inside the box is returned as is (not copied), without
// touching dst.
func ClipRing(dst, ring []Point, b Box) []Point {
	if len(ring) < 3 {
		return nil
	}
	rb := Bounds(ring)
	if b.ContainsBox(rb) {
		return ring
	}
	if !b.Intersects(rb) {
		return nil
	}
	// Ping-pong between two buffers, one edge of the box at a time.
	in := append(dst[:0], ring...)
	out := make([]Point, 0, len(ring)+8)
	for edge := range 4 {
		out = out[:0]
		if len(in) == 0 {
			break
		}
		prev := in[len(in)-1]
		prevIn := inside(prev, b, edge)
		for _, cur := range in {
			curIn := inside(cur, b, edge)
			if curIn != prevIn {
				out = append(out, intersect(prev, cur, b, edge))
			}
			if curIn {
				out = append(out, cur)
			}
			prev, prevIn = cur, curIn
		}
		in, out = out, in
	}
	if len(in) < 3 {
		return nil
	}
	return in
}

func inside(p Point, b Box, edge int) bool {
	switch edge {
	case 0:
		return p.Lon >= b.MinLon
	case 1:
		return p.Lon <= b.MaxLon
	case 2:
		return p.Lat >= b.MinLat
	default:
		return p.Lat <= b.MaxLat
	}
}

// intersect is where segment a–b crosses the given edge of the box; a and
// b are on different sides of it, so the division is safe.
func intersect(a, c Point, b Box, edge int) Point {
	switch edge {
	case 0, 1:
		x := b.MinLon
		if edge == 1 {
			x = b.MaxLon
		}
		t := (x - a.Lon) / (c.Lon - a.Lon)
		return Point{x, a.Lat + t*(c.Lat-a.Lat)}
	default:
		y := b.MinLat
		if edge == 3 {
			y = b.MaxLat
		}
		t := (y - a.Lat) / (c.Lat - a.Lat)
		return Point{a.Lon + t*(c.Lon-a.Lon), y}
	}
}
