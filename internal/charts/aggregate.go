package charts

import "math"

// MapPoint is one place on a map with the events there, by kind. Its
// count is the sum of its kinds' counts.
type MapPoint struct {
	Lon, Lat float64
	Label    string // the place's name, shown in the hover title
	URL      string // where the point links (the place page); may be empty
	Kinds    []KindCount
	// Places is how many distinct places the point stands for: set by
	// Aggregate when it merges places; 0 or 1 means one.
	Places int
	// RadiusKm is how far from Lon, Lat the place may be (see
	// PrecisionRadiusKm): 0 for an exact place, drawn as a pin; more for
	// a place known only to a town, district, region or country, drawn as
	// a translucent area of that radius.
	RadiusKm float64
}

// KindCount is the number of events of one kind.
type KindCount struct {
	Kind  string // the kind's key: class tg-kind-<kind>
	Label string // its display name ("Military"); Kind when empty
	Color string // "#rrggbb"
	Count int
}

// Count is the point's number of events.
func (p MapPoint) Count() int {
	n := 0
	for _, k := range p.Kinds {
		n += max(k.Count, 0)
	}
	return n
}

func (p MapPoint) places() int { return max(p.Places, 1) }

// cellSizes are the grid cells Aggregate tries, in degrees.
var cellSizes = []float64{0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 3, 5, 10, 15, 30, 45, 90, 180}

// Aggregate merges points so that at most maxPoints remain (at least 1).
// Points at exactly the same position are always merged (as one place). If more than
// maxPoints positions remain, points are merged by grid cells of the
// smallest size (from 0.01° up to 180°) that leaves at most maxPoints
// cells. A merged point takes the position, Label and URL of its member
// with the most events (the first such in input order), the sum of the
// members' counts kind by kind (kinds in order of first appearance), and
// the number of places merged in Places. The result is in order of each
// group's first member and is deterministic; the input is not modified
// (an unmerged point's Kinds slice is shared with the input).
// Points with a zero count are kept (and merged) like any other.
func Aggregate(points []MapPoint, maxPoints int) []MapPoint {
	maxPoints = max(maxPoints, 1)
	type key struct{ x, y uint64 }
	// group numbers the points' keys in order of first appearance; it
	// gives up (ok false) as soon as there are more than limit.
	group := func(limit int, k func(p MapPoint) key) (groupOf []int32, n int, ok bool) {
		groupOf = make([]int32, len(points))
		idx := make(map[key]int32, min(len(points), limit+1))
		for i, p := range points {
			kk := k(p)
			g, found := idx[kk]
			if !found {
				if len(idx) == limit {
					return nil, 0, false
				}
				g = int32(len(idx))
				idx[kk] = g
			}
			groupOf[i] = g
		}
		return groupOf, len(idx), true
	}
	groupOf, n, _ := group(len(points), func(p MapPoint) key {
		return key{math.Float64bits(p.Lon), math.Float64bits(p.Lat)}
	})
	points = merge(points, groupOf, n, true)
	if n <= maxPoints {
		return points
	}
	for _, c := range cellSizes {
		groupOf, n, ok := group(maxPoints, func(p MapPoint) key {
			return key{uint64(int64(math.Floor(p.Lon / c))), uint64(int64(math.Floor(p.Lat / c)))}
		})
		if ok {
			return merge(points, groupOf, n, false)
		}
	}
	// Fewer than 4 points wanted: one.
	groupOf, n, _ = group(1, func(MapPoint) key { return key{} })
	return merge(points, groupOf, n, false)
}

// merge builds one point per group. Points at the same position are the
// same place(s): their Places is not added up. A group of one is the point
// itself (sharing its Kinds).
func merge(points []MapPoint, groupOf []int32, n int, samePos bool) []MapPoint {
	best := make([]int32, n)
	bestCount := make([]int, n)
	members := make([]int32, n)
	for g := range best {
		best[g] = -1
	}
	for i, p := range points {
		g := groupOf[i]
		members[g]++
		if c := p.Count(); best[g] < 0 || c > bestCount[g] {
			best[g], bestCount[g] = int32(i), c
		}
	}
	out := make([]MapPoint, n)
	for i, p := range points {
		g := groupOf[i]
		o := &out[g]
		if members[g] == 1 {
			*o = p
			o.Places = p.places()
			continue
		}
		if o.Places == 0 {
			b := points[best[g]]
			*o = MapPoint{Lon: b.Lon, Lat: b.Lat, Label: b.Label, URL: b.URL}
		}
		// A merged point is no more exact than its least exact member.
		o.RadiusKm = max(o.RadiusKm, p.RadiusKm)
		if samePos {
			o.Places = max(o.Places, p.places())
		} else {
			o.Places += p.places()
		}
		for _, k := range p.Kinds {
			j := 0
			for j < len(o.Kinds) && o.Kinds[j].Kind != k.Kind {
				j++
			}
			if j == len(o.Kinds) {
				o.Kinds = append(o.Kinds, k)
			} else {
				o.Kinds[j].Count += k.Count
			}
		}
	}
	return out
}
