package pages

import (
	"strconv"

	"github.com/timelinegen/timelinegen/internal/casualty"
)

// coordDecimals is how many decimals pages show of a coordinate: four
// (about 11 m), or fewer when publish_coordinates says so.
func (p *Planner) coordDecimals() int {
	if p.cfg.RoundCoordinates {
		return min(p.cfg.CoordinateDecimals, 4)
	}
	return 4
}

// coords is "47.9105, 33.3918" at the decimals pages show.
func (p *Planner) coords(lat, lon float64) string {
	d := p.coordDecimals()
	return strconv.FormatFloat(lat, 'f', d, 64) + ", " + strconv.FormatFloat(lon, 'f', d, 64)
}

// tally sums the casualty figures of a chart's bar.
type tally struct {
	sum casualty.Figure
	n   int // figures summed
}

func (t *tally) add(f *casualty.Figure) {
	if f == nil {
		return
	}
	if t.n == 0 {
		t.sum = *f
	} else {
		t.sum = t.sum.Add(*f)
	}
	t.n++
}

func (t *tally) merge(o tally) {
	if o.n > 0 {
		t.add(&o.sum)
		t.n += o.n - 1
	}
}

// figure is the sum, exactly 0 when nothing was summed.
func (t tally) figure() casualty.Figure {
	if t.n == 0 {
		return casualty.Exact(0)
	}
	return t.sum
}
